package io.recstream.adapter.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code recstream.dead.letters{topic}}: records sent to a dead-letter topic, by that topic. Each counter exists from
 * the start at zero, so that an alert on its increase fires on the first record an operator must look at.
 */
final class DeadLetters {

    private final Map<String, Counter> byTopic;

    DeadLetters(MeterRegistry meters, List<String> deadLetterTopics) {
        this.byTopic = deadLetterTopics.stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                topic -> Counter.builder("recstream.dead.letters").tag("topic", topic)
                        .description("Records sent to a dead-letter topic, for an operator to look at")
                        .register(meters)));
    }

    void counted(String deadLetterTopic) {
        Counter counter = byTopic.get(deadLetterTopic);
        if (counter != null) {
            counter.increment();
        }
    }
}

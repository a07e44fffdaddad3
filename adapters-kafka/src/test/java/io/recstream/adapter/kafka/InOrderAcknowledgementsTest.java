package io.recstream.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class InOrderAcknowledgementsTest {

    private final InOrderAcknowledgements acknowledgements = new InOrderAcknowledgements();
    private final List<String> acknowledged = new ArrayList<>();

    private InOrderAcknowledgements.Ticket register(int partition, long offset) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("commands", partition, offset, "key", "value");
        return acknowledgements.register(record, () -> acknowledged.add(partition + "@" + offset));
    }

    @Test
    void aCommandDoneAheadOfAnUnfinishedOneIsNotCommitted_untilTheOneBeforeIsDone() {
        InOrderAcknowledgements.Ticket first = register(0, 10);
        InOrderAcknowledgements.Ticket second = register(0, 11);
        InOrderAcknowledgements.Ticket third = register(0, 12);

        acknowledgements.done(third);
        acknowledgements.done(second);
        assertThat(acknowledged).isEmpty();

        acknowledgements.done(first);
        assertThat(acknowledged).as("one acknowledgement, of the last of the done run").containsExactly("0@12");
    }

    @Test
    void eachPrefixIsAcknowledgedAsSoonAsItIsDone() {
        InOrderAcknowledgements.Ticket first = register(0, 10);
        InOrderAcknowledgements.Ticket second = register(0, 11);
        InOrderAcknowledgements.Ticket third = register(0, 12);

        acknowledgements.done(first);
        acknowledgements.done(third);
        acknowledgements.done(second);

        assertThat(acknowledged).containsExactly("0@10", "0@12");
    }

    @Test
    void partitionsDoNotWaitForEachOther() {
        InOrderAcknowledgements.Ticket slow = register(0, 10);
        InOrderAcknowledgements.Ticket quick = register(1, 7);

        acknowledgements.done(quick);

        assertThat(acknowledged).containsExactly("1@7");
        acknowledgements.done(slow);
        assertThat(acknowledged).containsExactly("1@7", "0@10");
    }

    @Test
    void aCommandRedeliveredWhileItsOriginalStillRuns_isNotCommittedAheadOfIt() {
        // A rebalance gave the partition back: the consumer starts again from the committed offset, so the command
        // in hand comes again and finishes at once (its original holds the download lock). The original still runs.
        InOrderAcknowledgements.Ticket original = register(0, 10);
        InOrderAcknowledgements.Ticket redelivered = register(0, 10);

        acknowledgements.done(redelivered);
        assertThat(acknowledged).isEmpty();

        acknowledgements.done(original);
        assertThat(acknowledged).containsExactly("0@10");
    }

    @Test
    void aCommandNeverDoneHoldsBackEverythingAfterIt() {
        register(0, 10); // handed back when the instance stopped
        InOrderAcknowledgements.Ticket later = register(0, 11);

        acknowledgements.done(later);

        assertThat(acknowledged).isEmpty();
    }
}

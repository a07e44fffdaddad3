package io.recstream.benchmarks;

import io.recstream.devkit.AccessTokens;
import io.recstream.devkit.FreePorts;
import io.recstream.devkit.LocalKafka;
import io.recstream.devkit.LocalRedis;
import io.recstream.devkit.TwilioSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * D1: the call directory rebuilt after Redis lost everything. One instance, on a Redis of its own, takes in
 * {@code facts} calls of the telephony service (several businesses, within the retention); then Redis is emptied
 * (FLUSHALL), and the time is taken until the calls list answers again with every business's newest call, checked
 * afterwards against a sample of calls, none of which may be unknown. The live take-in before it is timed too.
 */
final class DirectoryRebuild {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int BUSINESSES = 20;
    static final int SAMPLE = 200;
    private static final Duration TAKE_IN_WITHIN = Duration.ofMinutes(30);

    /**
     * @param liveFactsPerSecond how fast the running instance took the facts in as they arrived, one by one
     * @param secondsToList      from FLUSHALL until every business's list answers with its newest call
     * @param unknownInSample    sampled calls that answered 404 once the list was back (must be 0)
     */
    record Result(int facts, double liveFactsPerSecond, double secondsToList, int unknownInSample) {

        double factsPerSecond() {
            return facts / secondsToList;
        }

        @Override
        public String toString() {
            return String.format("D1 %d facts: taken in live at %.0f facts/s; rebuilt after FLUSHALL, the list whole "
                    + "again in %.1f s (%.0f facts/s, target ≤ 60 s: %s); unknown calls in a sample of %d: %d", facts,
                    liveFactsPerSecond, secondsToList, factsPerSecond(), secondsToList <= 60 ? "met" : "NOT met",
                    SAMPLE, unknownInSample);
        }
    }

    private DirectoryRebuild() {
    }

    static Result measure(Path root, LocalKafka kafka, TwilioSimulator twilio, Path work, int facts) throws Exception {
        String prefix = "d1-" + UUID.randomUUID().toString().substring(0, 8);
        int port = FreePorts.next();
        try (LocalRedis redis = LocalRedis.start()) {
            Process instance = BenchmarkSuite.startIsolatedRecstream(root, kafka, redis, twilio, work, prefix, port);
            try {
                String url = "http://127.0.0.1:" + port;
                BenchmarkSuite.awaitHealthy(url);
                Map<String, String> newestOfBusiness = new java.util.HashMap<>();
                List<String> sample = new ArrayList<>();
                Instant published = Instant.now();
                publish(kafka.bootstrapServers(), prefix + ".calls", facts, newestOfBusiness, sample);
                awaitTakenIn(kafka.bootstrapServers(), prefix + "-calls", prefix + ".calls");
                double liveSeconds = Duration.between(published, Instant.now()).toMillis() / 1000.0;
                String token = new AccessTokens(BenchmarkSuite.SECRET).mint("bench",
                        newestOfBusiness.keySet().stream().toList(), Duration.ofHours(1));
                awaitWhole(url, token, newestOfBusiness, Duration.ofMinutes(5));

                redis.flushAll();
                Instant lost = Instant.now();
                awaitWhole(url, token, newestOfBusiness, Duration.ofMinutes(10));
                double rebuildSeconds = Duration.between(lost, Instant.now()).toMillis() / 1000.0;
                int unknown = 0;
                for (String call : sample) {
                    String[] callAndBusiness = call.split("/");
                    unknown += get(url + "/api/recordings/" + callAndBusiness[0] + "/status?business_id="
                            + callAndBusiness[1], token).statusCode() == 404 ? 1 : 0;
                }
                return new Result(facts, facts / liveSeconds, rebuildSeconds, unknown);
            } finally {
                instance.destroy();
                instance.waitFor();
            }
        }
    }

    /** Calls of the last six days, spread over the businesses; the newest of each, and a sample, are kept. */
    private static void publish(String bootstrapServers, String topic, int facts, Map<String, String> newestOfBusiness,
                                List<String> sample) {
        Random random = new Random(7);
        Instant now = Instant.now();
        Map<String, Instant> newestStart = new java.util.HashMap<>();
        try (KafkaProducer<String, String> producer = BenchKafka.producer(bootstrapServers)) {
            for (int i = 0; i < facts; i++) {
                String callSid = BenchmarkSuite.sid("CA");
                String business = "d1-business-" + random.nextInt(BUSINESSES);
                Instant startedAt = now.minusSeconds(600 + random.nextInt(6 * 24 * 3600)).truncatedTo(
                        java.time.temporal.ChronoUnit.SECONDS);
                producer.send(new ProducerRecord<>(topic, callSid, """
                        {"callSid":"%s","businessId":"%s","recordingSid":"%s","direction":"inbound","from":"+1555%07d",\
                        "to":"+1666%07d","startedAt":"%s","durationSeconds":%d}""".formatted(callSid, business,
                        BenchmarkSuite.sid("RE"), i, i, startedAt, 30 + random.nextInt(600))));
                if (newestStart.getOrDefault(business, Instant.EPOCH).isBefore(startedAt)) {
                    newestStart.put(business, startedAt);
                    newestOfBusiness.put(business, callSid);
                }
                if (i % (facts / SAMPLE) == 0 && sample.size() < SAMPLE) {
                    sample.add(callSid + "/" + business);
                }
            }
        }
    }

    /**
     * Until the instance's call registry group has committed every fact of the topic. The live consumer takes facts
     * one by one, two round trips each even when a replay took them in first: F1's 400,000 kept it busy for most of
     * the ten minutes F1 took on 2 cores, and past ten with a build beside it. Half an hour leaves a slower machine
     * room.
     */
    static void awaitTakenIn(String bootstrapServers, String group, String topic) throws Exception {
        Instant deadline = Instant.now().plus(TAKE_IN_WITHIN);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(
                    partition -> partition, partition -> OffsetSpec.latest()))).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, end -> end.getValue().offset()));
            while (Instant.now().isBefore(deadline)) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                if (ends.entrySet().stream().allMatch(end -> committed.containsKey(end.getKey())
                        && committed.get(end.getKey()).offset() >= end.getValue())) {
                    return;
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the call facts were not taken in within " + TAKE_IN_WITHIN);
    }

    /** Until every business's list answers, with its newest call first. */
    static void awaitWhole(String url, String token, Map<String, String> newestOfBusiness, Duration within)
            throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            boolean whole = true;
            for (Map.Entry<String, String> newest : newestOfBusiness.entrySet()) {
                HttpResponse<String> list = get(url + "/api/calls?business_id=" + newest.getKey() + "&limit=1", token);
                whole &= list.statusCode() == 200 && list.body().contains(newest.getValue());
                if (!whole) {
                    break;
                }
            }
            if (whole) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the calls list was not whole within " + within);
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package io.recstream.benchmarks;

import io.recstream.devkit.AccessTokens;
import io.recstream.devkit.FreePorts;
import io.recstream.devkit.LocalKafka;
import io.recstream.devkit.LocalRedis;
import io.recstream.devkit.TwilioSimulator;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * F1: finding a call in a week of a large call center. One business with {@code calls} calls over six days, between
 * 150,000 customers and the center's five numbers, is taken into the view of one instance on a Redis of its own (by
 * a replay, as after a loss). Then, one request at a time (the client is never the bottleneck: it waits for each
 * answer), searches by the end of a customer's number in several formats, by a SID's start, and by a two-hour window
 * with a direction, each timed from request to the whole answer; the plain first page is timed beside them as the
 * baseline. The Redis memory per call is the data's growth over the take-in, divided by the calls.
 */
final class CallSearchLatency {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String BUSINESS = "f1-center";
    private static final int CUSTOMERS = 150_000;
    private static final List<String> CENTER_NUMBERS = List.of("+97230000001", "+97230000002", "+97230000003",
            "+97230000004", "+97230000005");
    private static final int WARM_UP = 300;
    private static final int SEARCHES = 500;
    private static final long TARGET_P99_MILLIS = 50;

    /** Latencies of one kind of request, in milliseconds. */
    record Latency(String kind, double p50, double p99, double max) {
        @Override
        public String toString() {
            return String.format("%s p50 %.1f ms, p99 %.1f ms, max %.1f ms", kind, p50, p99, max);
        }
    }

    record Result(int calls, double secondsToTakeIn, long redisBytesPerCall, List<Latency> latencies) {

        boolean met() {
            return latencies.stream().allMatch(latency -> latency.p99() <= TARGET_P99_MILLIS);
        }

        @Override
        public String toString() {
            return String.format("F1 %,d calls of one business, taken in in %.1f s, %d bytes of Redis data per call; %s; "
                    + "target p99 ≤ %d ms: %s", calls, secondsToTakeIn, redisBytesPerCall, latencies, TARGET_P99_MILLIS,
                    met() ? "met" : "NOT met");
        }
    }

    private CallSearchLatency() {
    }

    static Result measure(Path root, LocalKafka kafka, TwilioSimulator twilio, Path work, int calls) throws Exception {
        String prefix = "f1-" + UUID.randomUUID().toString().substring(0, 8);
        Random random = new Random(11);
        try (LocalRedis redis = LocalRedis.start()) {
            int port = FreePorts.next();
            Process instance = BenchmarkSuite.startIsolatedRecstream(root, kafka, redis, twilio, work, prefix, port);
            try {
                String url = "http://127.0.0.1:" + port;
                BenchmarkSuite.awaitHealthy(url); // it has created the topics, with their partitions
                List<Published> published = publish(kafka.bootstrapServers(), prefix + ".calls", calls, random);
                // The calls are taken in by a replay (as after a loss, or on a first start), not one by one.
                redis.flushAll();
                long memoryBefore = redis.datasetMemory();
                Instant lost = Instant.now();
                String token = new AccessTokens(BenchmarkSuite.SECRET).mint("bench", List.of(BUSINESS),
                        Duration.ofHours(1));
                // The list's first: the latest start, and of calls started in the same second, the greatest SID.
                Published newest = published.stream().max(java.util.Comparator.comparing(Published::startedAt)
                        .thenComparing(Published::callSid)).orElseThrow();
                DirectoryRebuild.awaitWhole(url, token, Map.of(BUSINESS, newest.callSid()), Duration.ofMinutes(15));
                double takeIn = Duration.between(lost, Instant.now()).toMillis() / 1000.0;
                long bytesPerCall = (redis.datasetMemory() - memoryBefore) / calls;
                // The live consumer goes through the same facts meanwhile (each already taken in): measured once it
                // is idle, as in a steady state, not while it competes for the cores.
                DirectoryRebuild.awaitTakenIn(kafka.bootstrapServers(), prefix + "-calls", prefix + ".calls");

                Instant now = Instant.now();
                Map<String, IntFunction<String>> kinds = new LinkedHashMap<>();
                kinds.put("plain first page (baseline)", i -> "");
                kinds.put("number's end", i -> "&q=" + encode(numberAsTyped(published.get(random.nextInt(calls)), i)));
                kinds.put("SID's start", i -> "&q=" + published.get(random.nextInt(calls)).callSid().substring(0, 10));
                kinds.put("2-hour window and direction", i -> {
                    Instant since = now.minus(Duration.ofMinutes(30 + random.nextInt(6 * 24 * 60)));
                    return "&since=" + since.truncatedTo(ChronoUnit.SECONDS) + "&until="
                            + since.plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS)
                            + "&direction=" + (i % 2 == 0 ? "inbound" : "outbound");
                });
                for (int i = 0; i < WARM_UP; i++) {
                    for (IntFunction<String> query : kinds.values()) {
                        timed(url, token, query.apply(i));
                    }
                }
                List<Latency> latencies = new ArrayList<>();
                for (Map.Entry<String, IntFunction<String>> kind : kinds.entrySet()) {
                    double[] millis = new double[SEARCHES];
                    for (int i = 0; i < SEARCHES; i++) {
                        millis[i] = timed(url, token, kind.getValue().apply(i));
                    }
                    Arrays.sort(millis);
                    latencies.add(new Latency(kind.getKey(), millis[SEARCHES / 2], millis[SEARCHES * 99 / 100],
                            millis[SEARCHES - 1]));
                }
                return new Result(calls, takeIn, bytesPerCall, latencies);
            } finally {
                instance.destroy();
                instance.waitFor();
            }
        }
    }

    private record Published(String callSid, String customer, Instant startedAt) {
    }

    /** The customer's number as an agent would type it: its last 4 to 9 digits, or in its national form. */
    private static String numberAsTyped(Published call, int i) {
        String digits = call.customer().substring(1);
        return switch (i % 3) {
            case 0 -> digits.substring(digits.length() - 4 - i % 6);
            case 1 -> "0" + digits.substring(3, 5) + "-" + digits.substring(5, 8) + "-" + digits.substring(8);
            default -> call.customer();
        };
    }

    /** Calls of the last six days, four in five inbound, between the customers and the center's numbers. */
    private static List<Published> publish(String bootstrapServers, String topic, int calls, Random random) {
        Instant now = Instant.now();
        List<Published> published = new ArrayList<>(calls);
        try (KafkaProducer<String, String> producer = BenchKafka.producer(bootstrapServers)) {
            for (int i = 0; i < calls; i++) {
                String callSid = BenchmarkSuite.sid("CA");
                String customer = String.format("+9725%08d", random.nextInt(CUSTOMERS) * 613 % 100_000_000);
                String center = CENTER_NUMBERS.get(random.nextInt(CENTER_NUMBERS.size()));
                boolean inbound = random.nextInt(5) > 0;
                Instant startedAt = now.minusSeconds(600 + random.nextInt(6 * 24 * 3600)).truncatedTo(ChronoUnit.SECONDS);
                producer.send(new ProducerRecord<>(topic, callSid, """
                        {"callSid":"%s","businessId":"%s","recordingSid":"%s","direction":"%s","from":"%s","to":"%s",\
                        "startedAt":"%s","durationSeconds":%d}""".formatted(callSid, BUSINESS, BenchmarkSuite.sid("RE"),
                        inbound ? "inbound" : "outbound", inbound ? customer : center, inbound ? center : customer,
                        startedAt, 30 + random.nextInt(600))));
                published.add(new Published(callSid, customer, startedAt));
            }
        }
        return published;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Milliseconds from the request to the whole answer, which must be a list. */
    private static double timed(String url, String token, String query) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/calls?business_id="
                + BUSINESS + "&limit=20" + query)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        double millis = (System.nanoTime() - start) / 1e6;
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("a search answered " + answer.statusCode() + ": " + answer.body());
        }
        return millis;
    }
}

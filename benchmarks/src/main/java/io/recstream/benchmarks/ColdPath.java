package io.recstream.benchmarks;

import io.recstream.devkit.TwilioSimulator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * C1: many concurrent first plays of recordings that the Twilio simulator sends after a fixed delay. The 202's latency
 * is timed at the client; when the audio became available is read from the READY events recstream publishes, so no
 * polling distorts it; with {@code Prefer: wait} the audio should come in the first answer.
 */
final class ColdPath {

    /** {@code small}: the same measures for a burst of {@value #SMALL_BURST}; CPU is recstream's per first play. */
    record Result(int plays, long acceptedP50Millis, long acceptedP99Millis, long overheadP50Millis,
                  long overheadP99Millis, long waitOverheadP50Millis, long waitOverheadP99Millis, int servedInOneRequest,
                  long smallAcceptedP50Millis, long smallAcceptedP99Millis, long smallOverheadP50Millis,
                  long smallOverheadP99Millis, double cpuMillisPerPlay) {
    }

    static final int SMALL_BURST = 8;

    private ColdPath() {
    }

    static Result measure(String base, ProcessHandle recstream, String bootstrapServers, TwilioSimulator twilio,
                          String cookie, int plays, Duration delay) throws Exception {
        // The telephony service reports each call with its recording SID, as recstream's calls topic allows.
        Map<String, String> recordingSidByCall = new LinkedHashMap<>();
        List<String> warmUp = recordings(twilio, plays, delay, recordingSidByCall);
        List<String> small = recordings(twilio, SMALL_BURST, delay, recordingSidByCall);
        List<String> polled = recordings(twilio, plays, delay, recordingSidByCall);
        List<String> waited = recordings(twilio, plays, delay, recordingSidByCall);
        BenchmarkSuite.registerCalls(bootstrapServers, recordingSidByCall, Instant.now().minusSeconds(3600));
        BenchmarkSuite.awaitRegistered(base, List.copyOf(recordingSidByCall.keySet()), cookie);

        Map<String, Instant> ready = new ConcurrentHashMap<>();
        CountDownLatch reading = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().daemon().start(() -> readReadyEvents(bootstrapServers, ready, reading));
        // A READY event published before the reader has its partitions would be missed, and its play waited for.
        if (!reading.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the download events reader got no partitions in 60 s");
        }

        // The same burst once before measuring, so that the JIT has compiled the cold path, as it has the cached one.
        firstPlays(base, cookie, warmUp, ready, delay);
        FirstPlays few = firstPlays(base, cookie, small, ready, delay);
        double cpuBefore = ProcessCpu.seconds(recstream);
        FirstPlays measured = firstPlays(base, cookie, polled, ready, delay);
        double cpuMillisPerPlay = (ProcessCpu.seconds(recstream) - cpuBefore) * 1000 / plays;

        List<CompletableFuture<long[]>> held = new ArrayList<>();
        for (String callSid : waited) {
            Instant start = Instant.now();
            held.add(BenchmarkSuite.sendAsync(play(base, callSid, cookie, "wait=30"))
                    .thenApply(response -> new long[] {Duration.between(start, Instant.now()).minus(delay).toMillis(),
                            response.statusCode()}));
        }
        List<long[]> waitResults = held.stream().map(CompletableFuture::join).toList();
        reader.interrupt();
        List<Long> waitOverhead = waitResults.stream().filter(r -> r[1] == 200).map(r -> r[0]).sorted().toList();
        return new Result(plays, percentile(measured.acceptedMillis(), 50), percentile(measured.acceptedMillis(), 99),
                percentile(measured.overheadMillis(), 50), percentile(measured.overheadMillis(), 99),
                percentile(waitOverhead, 50), percentile(waitOverhead, 99), waitOverhead.size(),
                percentile(few.acceptedMillis(), 50), percentile(few.acceptedMillis(), 99),
                percentile(few.overheadMillis(), 50), percentile(few.overheadMillis(), 99), cpuMillisPerPlay);
    }

    /** Sorted 202 latencies, and sorted times from each play to its READY event minus Twilio's delay. */
    private record FirstPlays(List<Long> acceptedMillis, List<Long> overheadMillis) {
    }

    private static FirstPlays firstPlays(String base, String cookie, List<String> callSids, Map<String, Instant> ready,
                                         Duration delay) throws InterruptedException {
        Map<String, Instant> sent = new ConcurrentHashMap<>();
        List<CompletableFuture<Long>> accepted = new ArrayList<>();
        for (String callSid : callSids) {
            Instant start = Instant.now();
            sent.put(callSid, start);
            accepted.add(BenchmarkSuite.sendAsync(play(base, callSid, cookie, null))
                    .thenApply(response -> {
                        if (response.statusCode() != 202) {
                            throw new IllegalStateException("a first play answered " + response.statusCode());
                        }
                        return Duration.between(start, Instant.now()).toMillis();
                    }));
        }
        List<Long> acceptedMillis = accepted.stream().map(CompletableFuture::join).sorted().toList();
        Instant deadline = Instant.now().plusSeconds(120);
        while (!ready.keySet().containsAll(callSids) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        if (!ready.keySet().containsAll(callSids)) {
            throw new IllegalStateException(callSids.stream().filter(callSid -> !ready.containsKey(callSid)).count()
                    + " of " + callSids.size() + " first plays never became ready in 120 s");
        }
        List<Long> overhead = callSids.stream()
                .map(callSid -> Duration.between(sent.get(callSid), ready.get(callSid)).minus(delay).toMillis())
                .sorted().toList();
        return new FirstPlays(acceptedMillis, overhead);
    }

    private static List<String> recordings(TwilioSimulator twilio, int count, Duration delay,
                                           Map<String, String> recordingSidByCall) {
        List<String> callSids = new ArrayList<>();
        byte[] media = new byte[64 * 1024];
        for (int i = 0; i < count; i++) {
            String callSid = BenchmarkSuite.sid("CA");
            String recordingSid = BenchmarkSuite.sid("RE");
            twilio.addRecording(callSid, recordingSid, Instant.now().minusSeconds(3500), media, delay);
            callSids.add(callSid);
            recordingSidByCall.put(callSid, recordingSid);
        }
        return callSids;
    }

    private static HttpRequest play(String base, String callSid, String cookie, String prefer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/recordings/" + callSid
                + "/stream?business_id=bench")).header("Cookie", cookie).timeout(Duration.ofSeconds(60));
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        return request.build();
    }

    private static void readReadyEvents(String bootstrapServers, Map<String, Instant> ready, CountDownLatch reading) {
        try (KafkaConsumer<String, String> consumer =
                     BenchKafka.reader(bootstrapServers, "recordings.download-events", "latest")) {
            while (consumer.assignment().isEmpty()) {
                collectReady(consumer, ready);
            }
            consumer.assignment().forEach(consumer::position); // resolves "latest" now, not at the next fetch
            reading.countDown();
            while (!Thread.currentThread().isInterrupted()) {
                collectReady(consumer, ready);
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            // the measurement is over
        }
    }

    private static void collectReady(KafkaConsumer<String, String> consumer, Map<String, Instant> ready) {
        consumer.poll(Duration.ofMillis(100)).forEach(record -> BenchKafka.ready(record.value())
                .ifPresent(event -> ready.put(event.callSid(), event.occurredAt())));
    }

    static long percentile(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

}

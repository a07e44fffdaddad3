package io.recstream.benchmarks;

import io.recstream.devkit.FreePorts;
import io.recstream.devkit.KafkaBrokerProcess;
import io.recstream.devkit.LocalRedis;
import io.recstream.devkit.TwilioSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * C1: many concurrent first plays of recordings that the Twilio simulator sends after a fixed delay. The 202's latency
 * is timed at the client; when the audio became available is read from the READY events recstream publishes, so no
 * polling distorts it; with {@code Prefer: wait} the audio should come in the first answer.
 */
final class ColdPath {

    /**
     * {@code small}: the same measures for a burst of {@value #SMALL_BURST}; CPU is recstream's per first play;
     * {@code split}: where the measured burst's 202s waited.
     */
    record Result(int plays, long acceptedP50Millis, long acceptedP99Millis, long overheadP50Millis,
                  long overheadP99Millis, long waitOverheadP50Millis, long waitOverheadP99Millis, int servedInOneRequest,
                  long smallAcceptedP50Millis, long smallAcceptedP99Millis, long smallOverheadP50Millis,
                  long smallOverheadP99Millis, double cpuMillisPerPlay, Split split, CoreShares shares) {
    }

    /**
     * CPU milliseconds each part used from the measured burst's first play sent to its last 202 received: recstream
     * (and, of that, its JIT compilers), its Redis, and the suite's JVM (the client, the Twilio simulator), all on the
     * one core; the broker's own core beside them.
     */
    record CoreShares(double windowMillis, double recstreamMillis, double recstreamJitMillis, double redisMillis,
                      double suiteMillis, double suiteJitMillis, double brokerMillis) {
    }

    /** The processes whose CPU {@link CoreShares} reads. */
    private record Parts(ProcessHandle recstream, ProcessHandle redis, ProcessHandle broker) {
        double[] cpuSeconds() {
            ProcessHandle suite = ProcessHandle.current();
            return new double[] {System.nanoTime() / 1e9, ProcessCpu.ownSeconds(recstream),
                    ProcessCpu.compilerSeconds(recstream), ProcessCpu.ownSeconds(redis), ProcessCpu.ownSeconds(suite),
                    ProcessCpu.compilerSeconds(suite), ProcessCpu.ownSeconds(broker)};
        }

        static CoreShares between(double[] before, double[] after) {
            double[] millis = new double[before.length];
            for (int i = 0; i < before.length; i++) {
                millis[i] = (after[i] - before[i]) * 1000;
            }
            return new CoreShares(millis[0], millis[1], millis[2], millis[3], millis[4], millis[5], millis[6]);
        }
    }

    /**
     * The measured burst's 202s as recstream timed them (arrival to answer), its acknowledged Kafka sends and its Redis
     * commands in the same moments (recstream's own timers: bucket bounds, so "at most"; the downloads the burst
     * started send and ask too), and the same number of acknowledged sends made at once by the suite straight to the
     * broker, with recstream idle: the broker's own time for such a burst; and recstream's collector pauses from just
     * before the burst to its last 202 (how many, and their time).
     */
    record Split(double playP50Millis, double playP99Millis, double sendP50Millis, double sendP99Millis,
                 double redisP50Millis, double redisP99Millis, long brokerAloneP50Millis, long brokerAloneP99Millis,
                 long gcPauses, double gcPauseMillis) {
    }

    /** The burst's timers: the 202s of the stream endpoint, every acknowledged send, every Redis command. */
    private static final List<Map.Entry<String, Predicate<String>>> BURST_TIMERS = List.of(
            Map.entry(ServerTimings.PLAY, labels -> true),
            Map.entry(ServerTimings.KAFKA_SEND, labels -> labels.contains("result=\"success\"")),
            Map.entry(ServerTimings.REDIS_COMMAND, labels -> labels.contains("error=\"none\"")));

    private static final List<String> BURST_METRICS = Stream.concat(
            BURST_TIMERS.stream().map(Map.Entry::getKey), Stream.of(ServerTimings.GC_PAUSE)).toList();

    static final int SMALL_BURST = 8;
    /**
     * Unmeasured bursts before the measured one, for the JIT. A method that a first play runs once reaches C2 after
     * about 5,200 plays (C1 at 200 calls, then C2's 5,000 more), later while C2's queue is long (its thresholds grow
     * with the queue, which one C2 thread on a contended core drains slowly). After four bursts, the JIT compilers of
     * recstream and of the suite still took 150–230 ms of the measured burst's window; after sixty (4,800 first
     * plays), 0–30 ms. A hundred did no better (10–30 ms in each of four runs: C2 still compiled methods of every play
     * in bursts 120 to 150); three hundred without Twilio's delay, to afford them, left 24,000 recordings stored, and
     * the measured burst then cost 13.6 ms of CPU per first play, not 3–4.
     */
    static final int WARM_UP_BURSTS = Integer.getInteger("bench.coldWarmUps", 60);
    /** recstream's download commands topic's partitions (its default). */
    private static final int COMMAND_PARTITIONS = 6;
    private static final String BROKER_ALONE_TOPIC = "bench.broker-alone";

    private ColdPath() {
    }

    /**
     * C1 where each part's share can be told: the broker in a process of its own (the devkit's) alone on the client's
     * core, a Redis of its own, and a recstream of its own on them, with its timers as histograms ({@link Split}):
     * recstream, Redis and the suite (the client, the Twilio simulator) share the server's core.
     */
    static Result measureApart(Path root, TwilioSimulator twilio, Path work, String cookie, List<String> settings,
                               int plays, Duration delay) throws Exception {
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(); LocalRedis redis = LocalRedis.start()) {
            int port = FreePorts.next();
            List<String> timed = new ArrayList<>(settings);
            timed.addAll(ServerTimings.HISTOGRAM_SETTINGS);
            Process recstream = BenchmarkSuite.startRecstream(root, broker.bootstrapServers(), redis, twilio,
                    Files.createDirectories(work.resolve("cold-path")), port, work.resolve("cold-path.log"), timed);
            try {
                String base = "http://127.0.0.1:" + port;
                BenchmarkSuite.awaitHealthy(base);
                // The broker alone on the client's core; recstream, Redis and the suite (the client, the Twilio
                // simulator) on the server's: the broker's time is then its own, not its share of a crowded core.
                Pinning.SERVER.holdSuite();
                Pinning.CLIENT.hold(broker.process());
                return measure(base, new Parts(recstream.toHandle(), redis.process(), broker.process()),
                        broker.bootstrapServers(), twilio, cookie, plays, delay);
            } finally {
                // Stopped first: a release that fails must not leave it running, on the next runs' cores.
                recstream.destroy();
                recstream.waitFor();
                Pinning.releaseSuite();
            }
        }
    }

    private static Result measure(String base, Parts parts, String bootstrapServers, TwilioSimulator twilio,
                                  String cookie, int plays, Duration delay) throws Exception {
        ProcessHandle recstream = parts.recstream();
        // The telephony service reports each call with its recording SID, as recstream's calls topic allows.
        Map<String, String> recordingSidByCall = new LinkedHashMap<>();
        List<List<String>> warmUps = new ArrayList<>();
        for (int burst = 0; burst < WARM_UP_BURSTS; burst++) {
            warmUps.add(recordings(twilio, plays, delay, recordingSidByCall));
        }
        List<String> small = recordings(twilio, SMALL_BURST, delay, recordingSidByCall);
        List<String> polled = recordings(twilio, plays, delay, recordingSidByCall);
        List<String> waited = recordings(twilio, plays, delay, recordingSidByCall);
        createBrokerAloneTopic(bootstrapServers);
        BenchmarkSuite.registerCalls(bootstrapServers, recordingSidByCall, Instant.now().minusSeconds(3600));
        BenchmarkSuite.awaitRegistered(base, List.copyOf(recordingSidByCall.keySet()), cookie);

        Map<String, Instant> ready = new ConcurrentHashMap<>();
        CountDownLatch reading = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().daemon().start(() -> readReadyEvents(bootstrapServers, ready, reading));
        // A READY event published before the reader has its partitions would be missed, and its play waited for.
        if (!reading.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the download events reader got no partitions in 60 s");
        }

        // The same burst many times before measuring, timed as the measured one is, so that the JIT has compiled the
        // cold path, as it has the cached one, and the measurement's own scrapes too: warm-ups of plays alone left the
        // code of the scrape just before the measured burst to be compiled inside it.
        for (List<String> warmUp : warmUps) {
            firstPlays(base, cookie, warmUp, ready, delay, parts);
        }
        FirstPlays few = firstPlays(base, cookie, small, ready, delay, null);
        double cpuBefore = ProcessCpu.seconds(recstream);
        FirstPlays measured = firstPlays(base, cookie, polled, ready, delay, parts);
        double cpuMillisPerPlay = (ProcessCpu.seconds(recstream) - cpuBefore) * 1000 / plays;
        List<ServerTimings.Histogram> burst = ServerTimings.during(measured.timersBefore(),
                measured.timersAfterAccepted(), BURST_TIMERS);
        List<Long> brokerAlone = brokerAlone(bootstrapServers, plays);
        Split split = new Split(burst.get(0).percentileMillis(0.5), burst.get(0).percentileMillis(0.99),
                burst.get(1).percentileMillis(0.5), burst.get(1).percentileMillis(0.99),
                burst.get(2).percentileMillis(0.5), burst.get(2).percentileMillis(0.99),
                percentile(brokerAlone, 50), percentile(brokerAlone, 99),
                Math.round(gcDuring(measured, "_count")), gcDuring(measured, "_sum") * 1000);

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
                percentile(few.overheadMillis(), 50), percentile(few.overheadMillis(), 99), cpuMillisPerPlay, split,
                measured.shares());
    }

    /** The growth of a sum of recstream's collector pauses ({@code suffix}: their count or time) over a timed burst. */
    private static double gcDuring(FirstPlays burst, String suffix) {
        String metric = ServerTimings.GC_PAUSE + suffix;
        return ServerTimings.total(burst.timersAfterAccepted(), metric) - ServerTimings.total(burst.timersBefore(), metric);
    }

    /**
     * Sorted 202 latencies, sorted times from each play to its READY event minus Twilio's delay, and, for a timed
     * burst, recstream's timers read before it and as the last 202 came, and the parts' CPU until then (or nulls).
     */
    private record FirstPlays(List<Long> acceptedMillis, List<Long> overheadMillis, String timersBefore,
                              String timersAfterAccepted, CoreShares shares) {
    }

    /** {@code timed}: the parts whose CPU and timers are read until every play is answered, or null. */
    private static FirstPlays firstPlays(String base, String cookie, List<String> callSids, Map<String, Instant> ready,
                                         Duration delay, Parts timed) throws Exception {
        String timersBefore = timed == null ? null : ServerTimings.scrape(base, BURST_METRICS);
        if (timed != null) {
            // The suite's own collector must not pause the client (and take the shared core) inside the timed burst:
            // its young collections came every few seconds and took 45-80 ms.
            System.gc();
        }
        double[] cpuBefore = timed == null ? null : timed.cpuSeconds();
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
        CoreShares shares = timed == null ? null : Parts.between(cpuBefore, timed.cpuSeconds());
        String timersAfterAccepted = timed == null ? null : ServerTimings.scrape(base, BURST_METRICS);
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
        return new FirstPlays(acceptedMillis, overhead, timersBefore, timersAfterAccepted, shares);
    }

    /**
     * The topic of {@link #brokerAlone}, created as C1 starts, long before it is written: created just before its
     * burst, one of its partitions sometimes took no record for 30 s.
     */
    private static void createBrokerAloneTopic(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(BROKER_ALONE_TOPIC, COMMAND_PARTITIONS, (short) 1))).all().get();
            awaitLeaders(admin, BROKER_ALONE_TOPIC);
        }
    }

    /**
     * {@code count} acknowledged sends at once from one producer (acks from every in-sync replica, sent at once, as
     * recstream's are) to a topic of the broker's own with as many partitions as recstream's commands, after one
     * unmeasured burst: sorted milliseconds from send to acknowledgement.
     */
    private static List<Long> brokerAlone(String bootstrapServers, int count) throws Exception {
        try (KafkaProducer<String, String> producer = BenchKafka.producer(bootstrapServers,
                Map.of(ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000))) {
            List<Long> sorted = List.of();
            for (int burst = 0; burst < 2; burst++) {
                List<CompletableFuture<Long>> acknowledged = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    long start = System.nanoTime();
                    CompletableFuture<Long> done = new CompletableFuture<>();
                    ProducerRecord<String, String> record = new ProducerRecord<>(BROKER_ALONE_TOPIC,
                            BenchmarkSuite.sid("CA"), "{}");
                    producer.send(record, (metadata, failure) -> {
                        if (failure != null) {
                            done.completeExceptionally(failure);
                        } else {
                            done.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                        }
                    });
                    acknowledged.add(done);
                }
                sorted = acknowledged.stream().map(CompletableFuture::join).sorted().toList();
            }
            return sorted;
        }
    }

    /** Sends to a partition without a leader yet would wait for one, and be timed with the wait. */
    private static void awaitLeaders(Admin admin, String topic) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(topic + "'s partitions got no leader in 60 s");
            }
            Thread.sleep(100);
        }
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

package io.recstream.benchmarks;

import io.recstream.devkit.FreePorts;
import io.recstream.devkit.LocalKafka;
import io.recstream.devkit.LocalRedis;
import io.recstream.devkit.LocalS3;
import io.recstream.devkit.TwilioSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;

/**
 * S1: the download throughput of 1, 2 and 3 instances in one consumer group, against a Twilio simulator that sends
 * each recording after a fixed delay, storing on a shared volume and on an S3 bucket (S3Proxy). Each round has topics, a group and a volume of its own; the commands are published
 * once every instance holds partitions, and the round ends when every recording's READY event is out. Who downloaded
 * what is read from each instance's own metrics; the simulator counts every media request, so a recording downloaded
 * twice can't hide.
 */
final class ScaleOut {

    private static final Pattern DOWNLOADED =
            Pattern.compile("(?m)^recstream_download_commands_total\\{[^}]*result=\"downloaded\"[^}]*} (\\S+)$");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /**
     * Downloads in hand per instance: small enough that one instance's bound, not the 2 shared cores, limits a round,
     * so the rounds show how the group shares work rather than how busy the machine is.
     */
    static final int PARALLELISM = 2;

    /**
     * One round: {@code perInstance} are the downloads each instance did; {@code machineBusy} the share of the machine's
     * CPU in use meanwhile (everything: instances, broker, Redis, simulator); {@code cpuMillisPerDownload} the
     * instances' own CPU time per recording.
     */
    record Round(String storage, int instances, int recordings, double downloadsPerSecond, List<Long> perInstance,
                 int duplicates, int missing, double machineBusy, double cpuMillisPerDownload,
                 BucketRequests bucketRequests) {
    }

    /**
     * What the downloads of a round on a bucket asked of it, per download, once the work after each (its waveform)
     * was done too: PUTs, HEADs, ranged GETs, and the bytes its GETs read back, in recordings.
     */
    record BucketRequests(double puts, double heads, double gets, double recordingsReadBack) {
    }

    private ScaleOut() {
    }

    /**
     * Rounds of 1 to {@code maxInstances} instances sharing a volume, then (with {@code s3}) sharing only a bucket of
     * it, each instance with a spool directory of its own.
     */
    static List<Round> measure(Path root, LocalKafka kafka, LocalRedis redis, TwilioSimulator twilio, LocalS3 s3,
                               Path work, int recordings, Duration delay, int maxInstances) throws Exception {
        List<Round> rounds = new ArrayList<>();
        for (LocalS3 bucket : s3 == null ? new LocalS3[] {null} : new LocalS3[] {null, s3}) {
            for (int instances = 1; instances <= maxInstances; instances++) {
                rounds.add(round(root, kafka, redis, twilio, bucket, work, instances, recordings, delay,
                        new byte[64 * 1024], List.of()));
                System.out.printf("[bench] S1 %s, %d instance(s): %.1f downloads/s%n", rounds.getLast().storage(),
                        instances, rounds.getLast().downloadsPerSecond());
            }
        }
        return rounds;
    }

    /**
     * One round of {@code recordings} downloads of {@code media} after {@code delay} each, by {@code instances}
     * started with {@code settings} beside the round's own.
     */
    static Round round(Path root, LocalKafka kafka, LocalRedis redis, TwilioSimulator twilio, LocalS3 s3, Path work,
                       int instances, int recordings, Duration delay, byte[] media, List<String> settings)
            throws Exception {
        String prefix = "s1-" + instances + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> arguments = new ArrayList<>(List.of("--recstream.topics.calls=" + prefix + ".calls",
                "--recstream.topics.download-requests=" + prefix + ".download-requests",
                "--recstream.topics.download-events=" + prefix + ".download-events",
                "--recstream.kafka.download-group=" + prefix + "-downloaders",
                "--recstream.kafka.call-registry-group=" + prefix + "-calls",
                "--recstream.download.parallelism=" + PARALLELISM));
        arguments.addAll(settings);
        if (s3 != null) {
            s3.withBucket(prefix);
            arguments.addAll(List.of("--recstream.storage.type=s3", "--recstream.storage.s3.bucket=" + prefix,
                    "--recstream.storage.s3.endpoint=" + s3.endpoint(), "--recstream.storage.s3.path-style=true",
                    "--recstream.storage.s3.access-key=" + LocalS3.ACCESS_KEY,
                    "--recstream.storage.s3.secret-key=" + LocalS3.SECRET_KEY));
        }
        List<Process> processes = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                int port = FreePorts.next();
                // Sharing a volume, or (on S3) each with a spool directory of its own.
                Path storage = Files.createDirectories(work.resolve(s3 == null ? prefix : prefix + "-spool-" + i));
                processes.add(BenchmarkSuite.startRecstream(root, kafka, redis, twilio, storage, port,
                        work.resolve(prefix + "-" + i + ".log"), arguments));
                urls.add("http://127.0.0.1:" + port);
            }
            for (String url : urls) {
                BenchmarkSuite.awaitHealthy(url);
            }
            awaitEveryInstanceAssigned(kafka.bootstrapServers(), prefix + "-downloaders", instances);

            Map<String, String> recordingOfCall = new java.util.LinkedHashMap<>();
            for (int i = 0; i < recordings; i++) {
                String callSid = BenchmarkSuite.sid("CA");
                String recordingSid = BenchmarkSuite.sid("RE");
                twilio.addRecording(callSid, recordingSid, Instant.now().minusSeconds(600), media, delay);
                recordingOfCall.put(callSid, recordingSid);
            }
            Map<String, Long> bucketBefore = s3 == null ? Map.of() : s3.requests();
            double cpuBefore = processes.stream().mapToDouble(process -> ProcessCpu.seconds(process.toHandle())).sum();
            long[] ticksBefore = ProcessCpu.machineTicks();
            Instant start = Instant.now();
            publishCommands(kafka.bootstrapServers(), prefix + ".download-requests", recordingOfCall);
            Instant lastReady = awaitReadyEvents(kafka.bootstrapServers(), prefix + ".download-events", recordings);
            double seconds = Duration.between(start, lastReady).toMillis() / 1000.0;
            long[] ticksAfter = ProcessCpu.machineTicks();
            double machineBusy = (ticksAfter[0] - ticksBefore[0]) / (double) Math.max(1, ticksAfter[1] - ticksBefore[1]);
            double cpuSeconds = processes.stream().mapToDouble(process -> ProcessCpu.seconds(process.toHandle())).sum()
                    - cpuBefore;
            BucketRequests bucketRequests = s3 == null ? null
                    : bucketRequests(bucketBefore, settled(s3), recordings, media.length);

            List<Long> perInstance = new ArrayList<>();
            for (String url : urls) {
                perInstance.add(downloadsOf(url));
            }
            int duplicates = 0;
            int missing = 0;
            for (String recordingSid : recordingOfCall.values()) {
                int downloads = twilio.mediaDownloads(recordingSid);
                duplicates += Math.max(0, downloads - 1);
                missing += downloads == 0 ? 1 : 0;
            }
            return new Round(s3 == null ? "volume" : "bucket", instances, recordings, recordings / seconds, perInstance, duplicates, missing, machineBusy,
                    cpuSeconds * 1000 / recordings, bucketRequests);
        } finally {
            processes.forEach(Process::destroy);
            for (Process process : processes) {
                process.waitFor();
            }
        }
    }

    /** The bucket's counts once they stop moving: the waveforms drawn after the downloads have read what they read. */
    private static Map<String, Long> settled(LocalS3 s3) throws InterruptedException {
        Map<String, Long> last = s3.requests();
        for (int quietSeconds = 0, polls = 0; quietSeconds < 2 && polls < 30; polls++) {
            Thread.sleep(1000);
            Map<String, Long> now = s3.requests();
            quietSeconds = now.equals(last) ? quietSeconds + 1 : 0;
            last = now;
        }
        return last;
    }

    private static BucketRequests bucketRequests(Map<String, Long> before, Map<String, Long> after, int recordings,
                                                 long recordingBytes) {
        java.util.function.ToDoubleFunction<String> perDownload = kind ->
                (after.getOrDefault(kind, 0L) - before.getOrDefault(kind, 0L)) / (double) recordings;
        return new BucketRequests(perDownload.applyAsDouble("PUT"), perDownload.applyAsDouble("HEAD"),
                perDownload.applyAsDouble("GET") + perDownload.applyAsDouble("GET range"),
                perDownload.applyAsDouble("GET bytes") / recordingBytes);
    }

    /** Until the group is stable with both consumers of every instance in it (an instance runs 2 by default). */
    private static void awaitEveryInstanceAssigned(String bootstrapServers, String group, int instances)
            throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            while (Instant.now().isBefore(deadline)) {
                ConsumerGroupDescription description =
                        admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                if (description.groupState() == GroupState.STABLE && description.members().size() >= 2 * instances) {
                    return;
                }
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("the consumer group " + group + " did not settle");
    }

    private static void publishCommands(String bootstrapServers, String topic, Map<String, String> recordingOfCall) {
        try (KafkaProducer<String, String> producer = BenchKafka.producer(bootstrapServers)) {
            recordingOfCall.forEach((callSid, recordingSid) -> producer.send(new ProducerRecord<>(topic, callSid, """
                    {"callSid":"%s","businessId":"bench","recordingSid":"%s","requestedAt":"%s","reason":"external"}"""
                    .formatted(callSid, recordingSid, Instant.now()))));
        }
    }

    /** Reads the round's events topic from its start until {@code expected} READY events; the last one's time. */
    private static Instant awaitReadyEvents(String bootstrapServers, String topic, int expected) {
        Instant deadline = Instant.now().plusSeconds(300);
        Instant last = Instant.EPOCH;
        int ready = 0;
        try (KafkaConsumer<String, String> consumer = BenchKafka.reader(bootstrapServers, topic, "earliest")) {
            while (ready < expected) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("only " + ready + " of " + expected + " recordings became ready");
                }
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    Optional<BenchKafka.Ready> event = BenchKafka.ready(record.value());
                    if (event.isPresent()) {
                        ready++;
                        last = event.get().occurredAt().isAfter(last) ? event.get().occurredAt() : last;
                    }
                }
            }
        }
        return last;
    }

    private static long downloadsOf(String base) throws Exception {
        String scrape = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher matcher = DOWNLOADED.matcher(scrape);
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
    }
}

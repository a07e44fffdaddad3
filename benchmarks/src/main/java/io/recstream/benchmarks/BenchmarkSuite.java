package io.recstream.benchmarks;

import io.recstream.devkit.AccessTokens;
import io.recstream.devkit.FreePorts;
import io.recstream.devkit.LocalKafka;
import io.recstream.devkit.LocalRedis;
import io.recstream.devkit.LocalS3;
import io.recstream.devkit.RecstreamJar;
import io.recstream.devkit.TwilioSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * recstream against nginx (1 worker, sendfile on, access log off) serving the same files in the same run, and the cold
 * path against a Twilio simulator with a fixed delay. Writes docs/benchmarks.md. Run by bin/bench.
 */
public final class BenchmarkSuite {

    private static final int FILES = Integer.getInteger("bench.files", 200);
    private static final int FILE_BYTES = Integer.getInteger("bench.fileBytes", 1 << 20);
    static final int RUNS = Integer.getInteger("bench.runs", 3);
    static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    static final int CONNECTIONS = Integer.getInteger("bench.connections", 16);
    /** A run after pinning, not measured: a JVM moved to one core takes a few seconds to settle there. */
    static final int SETTLE_SECONDS = 5;
    static final int WARM_UP_SECONDS = Integer.getInteger("bench.warmUpSeconds", 20);
    private static final int COLD_PLAYS = 80;
    private static final int BROWSER_PLAYS = Integer.getInteger("bench.browserPlays", 20);
    private static final Duration TWILIO_DELAY = Duration.ofSeconds(1);
    /**
     * An instance expecting C1's burst: as many downloads at once, and one user of one business causing a few hundred
     * downloads in a minute, which the limits would otherwise answer 429.
     */
    private static final List<String> BURST_SETTINGS = List.of("--recstream.download.parallelism=" + COLD_PLAYS,
            "--recstream.twilio.max-concurrent-downloads=" + COLD_PLAYS,
            "--recstream.limits.held-requests-per-user=" + COLD_PLAYS,
            "--recstream.limits.downloads-per-business=10000/1m");
    /** B2: plays of trickled recordings (each waits for the previous 40 s download), and how Twilio sends them. */
    private static final int TRICKLED_PLAYS = Integer.getInteger("bench.trickledPlays", 8);
    private static final Duration TWILIO_DELAY_FIRST_BYTE = Duration.ofSeconds(1);
    private static final Duration TRICKLE = Duration.ofSeconds(40);
    private static final int SCALE_OUT_RECORDINGS = Integer.getInteger("bench.scaleOutRecordings", 180);
    private static final Duration SCALE_OUT_DELAY = Duration.ofMillis(500);
    private static final int WAVEFORM_RECORDINGS = Integer.getInteger("bench.waveformRecordings", 120);
    private static final int MAX_INSTANCES = 3;
    private static final int REBUILD_FACTS = Integer.getInteger("bench.rebuildFacts", 200_000);
    /** F1: a week of a large call center, in one business. */
    private static final int SEARCH_CALLS = Integer.getInteger("bench.searchCalls", 400_000);
    /** The servers measured in the cached-play scenarios (all by default): for working on one figure. */
    private static final List<String> TARGETS = List.of(System.getProperty("bench.targets",
            "nginx,bare-servlet,bare-netty,recstream,recstream-s3,recstream-s3-copies").split(","));
    /** The client's own ceiling: the same client against nginx's most trivial answer of the same size. */
    static final String CEILING = "client ceiling";
    /** A status line and headers are well under this: an answer beyond body + this is not the expected one. */
    private static final long MAX_HEADER_BYTES = 2048;
    /** R, B1, B2, C1, M1, S1, W1, D1 or F1 runs that part alone and prints it, without rewriting the report: for working on one figure. */
    private static final String ONLY = System.getProperty("bench.only", "");
    static final String SECRET = "benchmark-secret-that-is-long-enough-for-hs256!";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BenchmarkSuite() {
    }

    record Scenario(String name, String description, int expectedStatus) {
    }

    static final List<Scenario> SCENARIOS = Stream.of(
            new Scenario("R1", "cached, 2-byte range", 206),
            new Scenario("R2", "cached, 64 KB range from mid-file", 206),
            new Scenario("R3", "cached, whole 1 MB file", 200),
            new Scenario("R4", "If-None-Match → 304", 304))
            // bench.scenarios=R1,R4 measures only those (with bench.only=R): for working on one figure.
            .filter(scenario -> List.of(System.getProperty("bench.scenarios", "R1,R2,R3,R4").split(","))
                    .contains(scenario.name()))
            .toList();

    record Measure(double requestsPerSecond, double cpuSecondsPerGigabyte, double cpuMicrosPerRequest, long p99Micros,
                   long wrong, double clientBusy) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        Path work = Files.createTempDirectory("recstream-bench-");
        Path storage = Files.createDirectories(work.resolve("recordings"));
        // nginx's worker runs as an unprivileged user: it must be able to read the files.
        for (Path directory : List.of(work, storage)) {
            Files.setPosixFilePermissions(directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        System.out.println("[bench] working in " + work);
        Random random = new Random(42);
        List<String> callSids = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            String callSid = sid("CA");
            byte[] bytes = new byte[FILE_BYTES];
            random.nextBytes(bytes);
            Files.write(storage.resolve(callSid + ".mp3"), bytes);
            callSids.add(callSid);
        }
        try (LocalKafka kafka = LocalKafka.start(); LocalRedis redis = LocalRedis.start();
             TwilioSimulator twilio = TwilioSimulator.start(); LocalS3 s3 = LocalS3.start(work)) {
            if (ONLY.equals("F1")) {
                System.out.println("[bench] " + CallSearchLatency.measure(root, kafka, twilio, work, SEARCH_CALLS));
                return;
            }
            if (ONLY.equals("D1")) {
                System.out.println("[bench] " + DirectoryRebuild.measure(root, kafka, twilio, work, REBUILD_FACTS));
                return;
            }
            if (ONLY.equals("S1")) {
                ScaleOut.measure(root, kafka, redis, twilio, s3, work, SCALE_OUT_RECORDINGS, SCALE_OUT_DELAY, MAX_INSTANCES)
                        .forEach(round -> System.out.println("[bench] " + round));
                return;
            }
            Path script = root.resolve("bench/scenario.lua");
            Map<String, Map<String, Measure>> results = new LinkedHashMap<>();
            SCENARIOS.forEach(scenario -> results.put(scenario.name(), new LinkedHashMap<>()));
            int nginxPort = FreePorts.next();
            Process nginx = startNginx(work, storage, nginxPort);
            int bareServletPort = FreePorts.next();
            Process bareServlet = startBare(BareServlet.class, root, storage, bareServletPort, work.resolve("bare-servlet.log"));
            int bareNettyPort = FreePorts.next();
            Process bareNetty = startBare(BareNetty.class, root, storage, bareNettyPort, work.resolve("bare-netty.log"));
            Process recstream = null;
            try {
                String nginxUrl = "http://127.0.0.1:" + nginxPort;
                String bareServletUrl = "http://127.0.0.1:" + bareServletPort;
                String bareNettyUrl = "http://127.0.0.1:" + bareNettyPort;
                awaitAnswering(bareServletUrl + "/" + callSids.getFirst() + ".mp3");
                awaitAnswering(bareNettyUrl + "/" + callSids.getFirst() + ".mp3");
                // The baselines first, each server alone on its core: an idle recstream JVM beside them costs a few
                // per cent of a core (its Kafka consumers' polls), which would be taken from the server measured.
                if (ONLY.isEmpty() || ONLY.equals("R")) {
                    measureServer(CEILING, nginxUrl, nginx.toHandle(), null, script, work, results,
                            (scenario, file) -> writeCeilingLines(nginxUrl, scenario, file));
                    for (Target target : List.of(
                            new Target("nginx", nginxUrl, nginx.toHandle(), null, callSids, id -> "/" + id + ".mp3"),
                            new Target("bare-servlet", bareServletUrl, bareServlet.toHandle(), null, callSids,
                                    id -> "/" + id + ".mp3"),
                            new Target("bare-netty", bareNettyUrl, bareNetty.toHandle(), null, callSids,
                                    id -> "/" + id + ".mp3"))) {
                        measureTarget(target, storage, script, work, results);
                    }
                }
                nginx.destroy();
                bareServlet.destroy();
                bareNetty.destroy();

                int recstreamPort = FreePorts.next();
                recstream = startRecstream(root, kafka, redis, twilio, storage, recstreamPort,
                        work.resolve("recstream.log"), BURST_SETTINGS);
                String recstreamUrl = "http://127.0.0.1:" + recstreamPort;
                awaitHealthy(recstreamUrl);
                registerCalls(kafka.bootstrapServers(), callSids, Instant.now().minusSeconds(3600));
                String token = new AccessTokens(SECRET).mint("bench", List.of("bench"), Duration.ofHours(2));
                String cookie = "access_token=" + token;
                awaitRegistered(recstreamUrl, callSids, cookie);
                if (ONLY.equals("C1")) {
                    System.out.println("[bench] " + ColdPath.measureApart(root, twilio, work, cookie, BURST_SETTINGS,
                            COLD_PLAYS, TWILIO_DELAY));
                    return;
                }
                if (ONLY.equals("M1")) {
                    System.out.println("[bench] " + MemoryCheck.measure(recstreamUrl, recstream.toHandle(),
                            kafka.bootstrapServers(), twilio, storage, cookie, work, script));
                    return;
                }
                if (ONLY.equals("W1")) {
                    WaveformCost.Result waveforms = WaveformCost.measure(root, kafka, redis, twilio, work,
                            recstreamUrl, recstream.toHandle(), storage, callSids, cookie, script,
                            WAVEFORM_RECORDINGS, SCALE_OUT_DELAY);
                    System.out.println("[bench] " + waveforms);
                    return;
                }
                if (ONLY.equals("B1")) {
                    System.out.println("[bench] " + BrowserPlays.measure(recstreamUrl, token, kafka.bootstrapServers(),
                            twilio, BROWSER_PLAYS, TWILIO_DELAY));
                    return;
                }
                if (ONLY.equals("B2")) {
                    System.out.println("[bench] " + trickled(root, kafka, redis, twilio, storage, work, recstreamUrl,
                            token));
                    return;
                }
                measureTarget(new Target("recstream", recstreamUrl, recstream.toHandle(), cookie, callSids,
                        id -> "/api/recordings/" + id + "/stream?business_id=bench"), storage, script, work, results);

                // The same files as the objects of a bucket (S3Proxy keeps bucket "recordings" in the directory),
                // served by one instance from the bucket and by another from the local copies it makes; each runs
                // only while it is measured.
                List<String> onS3 = List.of("--recstream.storage.type=s3",
                        "--recstream.storage.s3.bucket=" + storage.getFileName(), "--recstream.storage.s3.prefix=",
                        "--recstream.storage.s3.endpoint=" + s3.endpoint(), "--recstream.storage.s3.path-style=true",
                        "--recstream.storage.s3.access-key=" + LocalS3.ACCESS_KEY,
                        "--recstream.storage.s3.secret-key=" + LocalS3.SECRET_KEY);
                for (String[] onBucket : new String[][] {{"recstream-s3", "0"}, {"recstream-s3-copies", "2"}}) {
                    if (!TARGETS.contains(onBucket[0])) {
                        continue;
                    }
                    int port = FreePorts.next();
                    Process instance = startRecstream(root, kafka, redis, twilio,
                            Files.createDirectories(work.resolve("spool-" + onBucket[0])), port,
                            work.resolve(onBucket[0] + ".log"),
                            concat(onS3, "--recstream.storage.s3.local-copy-threads=" + onBucket[1]));
                    try {
                        String url = "http://127.0.0.1:" + port;
                        awaitHealthy(url);
                        measureTarget(new Target(onBucket[0], url, instance.toHandle(), cookie, callSids,
                                id -> "/api/recordings/" + id + "/stream?business_id=bench"), storage, script, work, results);
                    } finally {
                        instance.destroy();
                        instance.waitFor();
                    }
                }
                if (ONLY.equals("R")) {
                    results.forEach((scenario, measures) -> measures.forEach((target, measure) -> System.out.printf(
                            "[bench] %s %-20s %8.0f req/s  p99 %6.2f ms  CPU %5.0f µs/request  client busy %3.0f %%%s%n",
                            scenario, target, measure.requestsPerSecond(), measure.p99Micros() / 1000.0,
                            measure.cpuMicrosPerRequest(), measure.clientBusy() * 100,
                            target.equals(CEILING) ? "" : "  × nginx " + ratioText(measures, target, "nginx")
                                    + "  × bare servlet " + ratioText(measures, target, "bare-servlet"))));
                    return;
                }
                BrowserPlays.Result browser = BrowserPlays.measure(recstreamUrl, token, kafka.bootstrapServers(), twilio,
                        BROWSER_PLAYS, TWILIO_DELAY);
                BrowserPlays.TrickleResult trickle = trickled(root, kafka, redis, twilio, storage, work, recstreamUrl,
                        token);
                ColdPath.Result cold = ColdPath.measureApart(root, twilio, work, cookie, BURST_SETTINGS, COLD_PLAYS,
                        TWILIO_DELAY);
                MemoryCheck.Result memory = MemoryCheck.measure(recstreamUrl, recstream.toHandle(),
                        kafka.bootstrapServers(), twilio, storage, cookie, work, script);
                WaveformCost.Result waveforms = WaveformCost.measure(root, kafka, redis, twilio, work, recstreamUrl,
                        recstream.toHandle(), storage, callSids, cookie, script, WAVEFORM_RECORDINGS, SCALE_OUT_DELAY);
                recstream.destroy();
                recstream.waitFor();
                List<ScaleOut.Round> scaleOut = ScaleOut.measure(root, kafka, redis, twilio, s3, work, SCALE_OUT_RECORDINGS,
                        SCALE_OUT_DELAY, MAX_INSTANCES);
                DirectoryRebuild.Result rebuild = DirectoryRebuild.measure(root, kafka, twilio, work, REBUILD_FACTS);
                CallSearchLatency.Result search = CallSearchLatency.measure(root, kafka, twilio, work, SEARCH_CALLS);
                Report.write(root.resolve("docs/benchmarks.md"), root.resolve("bench/findings.md"), results, browser, trickle, cold, memory, waveforms, scaleOut, rebuild, search, FILES, FILE_BYTES,
                        RUNS, SECONDS, CONNECTIONS);
                System.out.println("[bench] wrote docs/benchmarks.md");
            } finally {
                for (Process process : Arrays.asList(recstream, nginx, bareServlet, bareNetty)) {
                    if (process != null) {
                        process.destroy();
                    }
                }
            }
        }
    }

    static double ratio(Map<String, Measure> measures, String target, String baseline) {
        return measures.get(target).requestsPerSecond() / measures.get(baseline).requestsPerSecond();
    }

    private static String ratioText(Map<String, Measure> measures, String target, String baseline) {
        return measures.containsKey(baseline) ? String.format("%.2f", ratio(measures, target, baseline)) : "-";
    }

    private static void measureTarget(Target target, Path storage, Path script, Path work,
                                      Map<String, Map<String, Measure>> results) throws Exception {
        if (TARGETS.contains(target.name())) {
            measureServer(target.name(), target.baseUrl(), target.process(), target.cookie(), script, work, results,
                    (scenario, file) -> {
                        Path lines = target.writeLines(scenario, file);
                        target.verify(scenario, storage);
                        return lines;
                    });
        }
    }

    /** What wrk asks of a server in a scenario: the lines of the script's argument, each answer checked first. */
    @FunctionalInterface
    interface Lines {
        Path write(Scenario scenario, Path file) throws Exception;
    }

    /**
     * One server in every scenario: the JIT's warm-up unpinned (on one core shared with the load, a JVM takes minutes
     * to reach its steady state, and the compiler's CPU would count as the server's), then the measured runs with
     * the suite on the server's cores and wrk on the client's.
     */
    private static void measureServer(String name, String baseUrl, ProcessHandle server, String cookie, Path script,
                                      Path work, Map<String, Map<String, Measure>> results, Lines lines)
            throws Exception {
        Map<String, Path> files = new LinkedHashMap<>();
        for (Scenario scenario : SCENARIOS) {
            Path file = lines.write(scenario, work.resolve(scenario.name() + "-" + name.replace(' ', '-')));
            files.put(scenario.name(), file);
            Wrk.run(baseUrl, file, script, CONNECTIONS, WARM_UP_SECONDS, cookie);
        }
        Pinning.SERVER.holdSuite();
        try {
            for (Scenario scenario : SCENARIOS) {
                results.get(scenario.name()).put(name, measure(scenario, name, files.get(scenario.name()), baseUrl,
                        server, cookie, script));
            }
        } finally {
            Pinning.releaseSuite();
        }
    }

    /** A run to settle on the pinned core, then {@link #RUNS} runs: the median, every answer checked. */
    private static Measure measure(Scenario scenario, String name, Path lines, String baseUrl, ProcessHandle server,
                                   String cookie, Path script) throws Exception {
        Wrk.run(baseUrl, lines, script, CONNECTIONS, SETTLE_SECONDS, cookie);
        long body = bodyBytes(scenario);
        List<Measure> runs = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            double cpuBefore = ProcessCpu.seconds(server);
            Wrk.Result result = Wrk.run(baseUrl, lines, script, CONNECTIONS, SECONDS, cookie);
            double cpu = ProcessCpu.seconds(server) - cpuBefore;
            // Every line's exact status and body were checked before; an answer of another size shows here.
            if (result.bytesPerAnswer() < body || result.bytesPerAnswer() > body + MAX_HEADER_BYTES) {
                throw new IllegalStateException(String.format("%s %s: %.0f bytes per answer, expected a %d-byte body",
                        scenario.name(), name, result.bytesPerAnswer(), body));
            }
            double gigabytes = result.requests() * (double) body / 1e9;
            runs.add(new Measure(result.requestsPerSecond(), gigabytes > 0 ? cpu / gigabytes : 0,
                    cpu / result.requests() * 1e6, result.p99Micros(), result.statusErrors() + result.errors(),
                    result.clientBusy()));
            System.out.printf("[bench] %s %s run %d: %.0f req/s, server cpu %.2fs, client busy %.0f %%, wrong %d%n",
                    scenario.name(), name, run + 1, result.requestsPerSecond(), cpu, result.clientBusy() * 100,
                    result.statusErrors() + result.errors());
        }
        return median(runs);
    }

    private static List<String> concat(List<String> settings, String more) {
        List<String> all = new ArrayList<>(settings);
        all.add(more);
        return all;
    }

    static long bodyBytes(Scenario scenario) {
        return switch (scenario.name()) {
            case "R1" -> 2;
            case "R2" -> 65_536;
            case "R3" -> FILE_BYTES;
            default -> 0;
        };
    }

    /** The header a scenario sends for a file, given the server's ETag of it. */
    static String[] header(Scenario scenario, String etag) {
        int mid = FILE_BYTES / 2;
        return switch (scenario.name()) {
            case "R1" -> new String[] {"Range", "bytes=0-1"};
            case "R2" -> new String[] {"Range", "bytes=" + mid + "-" + (mid + 65_535)};
            case "R4" -> new String[] {"If-None-Match", etag};
            default -> new String[] {"-", ""};
        };
    }

    /** The run of median rate, all its figures from that run; wrong answers summed over the runs. */
    private static Measure median(List<Measure> runs) {
        List<Measure> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Double.compare(a.requestsPerSecond(), b.requestsPerSecond()));
        Measure middle = sorted.get(sorted.size() / 2);
        long wrong = runs.stream().mapToLong(Measure::wrong).sum();
        return new Measure(middle.requestsPerSecond(), middle.cpuSecondsPerGigabyte(), middle.cpuMicrosPerRequest(),
                middle.p99Micros(), wrong, middle.clientBusy());
    }

    /** A recstream JVM from the production jar; {@code settings} are further command-line properties. */
    /**
     * B2, with a second instance on the same volume beside the running one: recordings that a slow Twilio trickles
     * over 40 s after a first byte at 1 s, played in Chromium on either instance.
     */
    private static BrowserPlays.TrickleResult trickled(Path root, LocalKafka kafka, LocalRedis redis,
                                                       TwilioSimulator twilio, Path storage, Path work,
                                                       String recstreamUrl, String token) throws Exception {
        int port = FreePorts.next();
        Process second = startRecstream(root, kafka, redis, twilio, storage, port, work.resolve("recstream-2.log"),
                List.of());
        try {
            String secondUrl = "http://127.0.0.1:" + port;
            awaitHealthy(secondUrl);
            return BrowserPlays.measureTrickled(List.of(recstreamUrl, secondUrl), token, kafka.bootstrapServers(),
                    twilio, TRICKLED_PLAYS, TWILIO_DELAY_FIRST_BYTE, TRICKLE);
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    /** An instance with topics and groups of its own, named by {@code prefix}: it shares the broker with nothing. */
    static Process startIsolatedRecstream(Path root, LocalKafka kafka, LocalRedis redis, TwilioSimulator twilio,
                                          Path work, String prefix, int port) throws IOException {
        return startRecstream(root, kafka, redis, twilio, Files.createDirectories(work.resolve(prefix)), port,
                work.resolve(prefix + ".log"), List.of("--recstream.topics.calls=" + prefix + ".calls",
                        "--recstream.topics.registrations=" + prefix + ".registrations",
                        "--recstream.topics.download-requests=" + prefix + ".download-requests",
                        "--recstream.topics.download-events=" + prefix + ".download-events",
                        "--recstream.kafka.download-group=" + prefix + "-downloaders",
                        "--recstream.kafka.call-registry-group=" + prefix + "-calls"));
    }

    static Process startRecstream(Path root, LocalKafka kafka, LocalRedis redis, TwilioSimulator twilio, Path storage,
                                  int port, Path log, List<String> settings) throws IOException {
        return startRecstream(root, kafka.bootstrapServers(), redis, twilio, storage, port, log, settings);
    }

    static Process startRecstream(Path root, String kafkaBootstrapServers, LocalRedis redis, TwilioSimulator twilio,
                                  Path storage, int port, Path log, List<String> settings) throws IOException {
        // e.g. -Dbench.recstreamJvmArgs=-XX:StartFlightRecording=filename=/tmp/recstream.jfr to profile it
        String extra = System.getProperty("bench.recstreamJvmArgs", "");
        List<String> command = RecstreamJar.command(root, extra.isBlank() ? List.of() : List.of(extra.split(" ")), port,
                kafkaBootstrapServers, redis.port(), twilio.baseUrl(), storage, SECRET, settings);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static Process startNginx(Path work, Path storage, int port) throws IOException, InterruptedException {
        Path prefix = Files.createDirectories(work.resolve("nginx"));
        Path ceiling = Files.createDirectories(prefix.resolve("ceiling"));
        for (Scenario scenario : SCENARIOS) {
            Files.write(ceiling.resolve(scenario.name()), new byte[(int) bodyBytes(scenario)]);
        }
        Path config = prefix.resolve("nginx.conf");
        Files.writeString(config, """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                  sendfile on;
                  tcp_nopush on;
                  access_log off;
                  default_type audio/mpeg;
                  client_body_temp_path %1$s/tmp;
                  proxy_temp_path %1$s/tmp;
                  fastcgi_temp_path %1$s/tmp;
                  uwsgi_temp_path %1$s/tmp;
                  scgi_temp_path %1$s/tmp;
                  server {
                    listen 127.0.0.1:%2$d;
                    root %3$s;
                    # The client's ceiling: answers of each scenario's size with as little work as nginx can do.
                    location /ceiling/ {
                      alias %1$s/ceiling/;
                      open_file_cache max=16;
                    }
                    location = /ceiling/R4 {
                      return 304;
                    }
                  }
                }
                """.formatted(prefix, port, storage));
        Process nginx = new ProcessBuilder("nginx", "-p", prefix.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("stdout.log").toFile()).start();
        awaitAnswering("http://127.0.0.1:" + port + "/");
        return nginx;
    }

    /** A bare baseline ({@link BareServlet}, {@link BareNetty}) in its own JVM from this suite's jar. */
    private static Process startBare(Class<?> server, Path root, Path storage, int port, Path log) throws IOException {
        return new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
                "-cp", root.resolve("benchmarks/target/recstream-bench.jar").toString(),
                "-Dloader.main=" + server.getName(),
                "org.springframework.boot.loader.launch.PropertiesLauncher", Integer.toString(port), storage.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the server answers anything at this address. */
    private static void awaitAnswering(String url) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            try {
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nothing answered at " + url);
    }

    static void awaitHealthy(String base) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("recstream did not become healthy");
    }

    static void registerCalls(String bootstrapServers, List<String> callSids, Instant startedAt) {
        Map<String, String> withoutRecordingSids = new LinkedHashMap<>();
        callSids.forEach(callSid -> withoutRecordingSids.put(callSid, null));
        registerCalls(bootstrapServers, withoutRecordingSids, startedAt);
    }

    /** Publishes each call's facts as the telephony service would, with its recording SID where one is given. */
    static void registerCalls(String bootstrapServers, Map<String, String> recordingSidByCall, Instant startedAt) {
        try (KafkaProducer<String, String> producer = BenchKafka.producer(bootstrapServers)) {
            recordingSidByCall.forEach((callSid, recordingSid) -> producer.send(new ProducerRecord<>("recordings.calls",
                    callSid, """
                            {"callSid":"%s","businessId":"bench",%s"direction":"inbound","from":"+1","to":"+2",\
                            "startedAt":"%s","durationSeconds":60}""".formatted(callSid,
                            recordingSid == null ? "" : "\"recordingSid\":\"" + recordingSid + "\",", startedAt))));
        }
    }

    /** Waits until the calls topic has registered every call (its status answers 200). */
    static void awaitRegistered(String base, List<String> callSids, String cookie) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        for (String callSid : callSids) {
            while (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/recordings/" + callSid
                    + "/status?business_id=bench")).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("calls were not registered in time");
                }
                Thread.sleep(100);
            }
        }
    }

    /** A gauge or counter of an instance's Prometheus scrape, summed over its series; 0 when it has none. */
    static double metric(String base, String name) throws Exception {
        String scrape = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return scrape.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Waits until the call's recording is stored (its status says ready). */
    static void awaitReady(String base, String callSid, String cookie, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (!HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/recordings/" + callSid
                + "/status?business_id=bench")).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("\"status\":\"ready\"")) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(callSid + " was not stored in time");
            }
            Thread.sleep(200);
        }
    }

    static String sid(String prefix) {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    /** A server under test: how to address each file, and how to check what it answers. */
    record Target(String name, String baseUrl, ProcessHandle process, String cookie, List<String> callSids,
                  java.util.function.Function<String, String> pathOf) {

        Path writeLines(Scenario scenario, Path file) throws Exception {
            List<String> lines = new ArrayList<>();
            for (String callSid : callSids) {
                String[] header = header(scenario, scenario.name().equals("R4") ? etagOf(callSid) : null);
                lines.add(pathOf.apply(callSid) + "\t" + header[0] + "\t" + header[1]);
            }
            return Files.write(file, lines);
        }

        private String etagOf(String callSid) throws Exception {
            HttpRequest.Builder head = HttpRequest.newBuilder(URI.create(baseUrl + pathOf.apply(callSid)))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody());
            if (cookie != null) {
                head.header("Cookie", cookie);
            }
            return HTTP.send(head.build(), HttpResponse.BodyHandlers.discarding()).headers().firstValue("ETag")
                    .orElseThrow();
        }

        /** The answers are checked, not assumed: every file's status, and its bytes against the file on disk. */
        void verify(Scenario scenario, Path storage) throws Exception {
            for (String callSid : callSids) {
                String[] header = header(scenario, scenario.name().equals("R4") ? etagOf(callSid) : null);
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathOf.apply(callSid)));
                if (!header[0].equals("-")) {
                    request.header(header[0], header[1]);
                }
                if (cookie != null) {
                    request.header("Cookie", cookie);
                }
                HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                byte[] file = Files.readAllBytes(storage.resolve(callSid + ".mp3"));
                byte[] expected = switch (scenario.name()) {
                    case "R1" -> Arrays.copyOfRange(file, 0, 2);
                    case "R2" -> Arrays.copyOfRange(file, FILE_BYTES / 2, FILE_BYTES / 2 + 65_536);
                    case "R3" -> file;
                    default -> new byte[0];
                };
                if (response.statusCode() != scenario.expectedStatus() || !Arrays.equals(response.body(), expected)) {
                    throw new IllegalStateException(scenario.name() + " " + baseUrl + " answered " + response.statusCode()
                            + " with " + response.body().length + " bytes for " + callSid);
                }
            }
        }
    }

    /**
     * The client's ceiling of a scenario: nginx's answer of the same size (from a file it keeps open, or a bare 304),
     * checked once, as the only line of wrk's script.
     */
    private static Path writeCeilingLines(String nginxUrl, Scenario scenario, Path file) throws Exception {
        HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create(nginxUrl + "/ceiling/"
                + scenario.name())).build(), HttpResponse.BodyHandlers.ofByteArray());
        int expected = scenario.name().equals("R4") ? 304 : 200;
        if (answer.statusCode() != expected || answer.body().length != bodyBytes(scenario)) {
            throw new IllegalStateException("the ceiling of " + scenario.name() + " answered " + answer.statusCode());
        }
        return Files.write(file, List.of("/ceiling/" + scenario.name() + "\t-\t"));
    }

    static CompletableFuture<HttpResponse<Void>> sendAsync(HttpRequest request) {
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    }
}

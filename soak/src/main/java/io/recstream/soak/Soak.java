package io.recstream.soak;

import io.recstream.devkit.AccessTokens;
import io.recstream.devkit.KafkaBrokerProcess;
import io.recstream.devkit.LocalRedis;
import io.recstream.devkit.Samples;
import io.recstream.devkit.TwilioSimulator;
import io.recstream.soak.Ledger.Invariant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The soak: two instances of recstream's production jar sharing Redis, a Kafka broker and a volume, under continuous
 * plays of a few hundred calls of several businesses (ranges, wrong-tenant tries, recordings Twilio lost, expired
 * ones, a slow Twilio and one failing at first), new calls arriving throughout, while faults come one after another
 * ({@link Faults}: every 20–40 s, each healed before the next). Every answer is checked against what the contract
 * says of its call; the invariants ({@link Ledger}) are printed as a table, and any breach fails the run (exit 1).
 * The randomness is seeded and printed: {@code -Dsoak.seed=<seed>} replays a run's choices.
 *
 * <p>{@code bin/soak [minutes]} (30 by default); {@code bin/test} runs it for 3.
 */
public final class Soak {

    private static final String SECRET = "soak-secret-that-is-long-enough-for-hs256-signing!";
    private static final List<String> BUSINESSES = List.of("soak-north", "soak-south", "soak-east", "soak-west");
    private static final int CALLS = 240;
    private static final int PLAYERS = 4;
    private static final Duration PLAY_WITHIN = Duration.ofSeconds(90);
    private static final Duration FAILING_FOR = Duration.ofSeconds(60);
    private static final Duration NEW_CALL_EVERY = Duration.ofSeconds(3);

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        Duration length = Duration.ofMinutes(args.length > 1 ? Long.parseLong(args[1]) : 30);
        long seed = Long.getLong("soak.seed", new SecureRandom().nextLong());
        System.out.printf("[soak] seed %d (replay with -Dsoak.seed=%d), %d minutes%n", seed, seed, length.toMinutes());
        Random random = new Random(seed);
        Path work = Files.createTempDirectory("recstream-soak-");
        Path storage = Files.createDirectories(work.resolve("recordings"));
        System.out.println("[soak] working in " + work + " (the instances' logs are there)");
        Ledger ledger = new Ledger();
        Instant began = Instant.now();
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start();
             LocalRedis redis = LocalRedis.startWithSnapshots(Files.createDirectories(work.resolve("redis")));
             TwilioSimulator twilio = TwilioSimulator.start();
             KafkaProducer<String, String> telephony = producer(broker.bootstrapServers())) {
            List<Instances.Instance> instances = new ArrayList<>();
            for (String name : List.of("instance-1", "instance-2")) {
                instances.add(Instances.Instance.on(name, root, broker.bootstrapServers(), redis.port(),
                        twilio.baseUrl(), storage, SECRET, work, List.of(
                                // Temporary files of a killed writer are swept within the run.
                                "--recstream.storage.stale-temp-after=10s", "--recstream.storage.sweep-interval=2s",
                                // The soak's user plays much more than a person does: limits are not under test.
                                "--recstream.limits.downloads-per-business=100000/1m",
                                "--recstream.limits.held-requests-per-user=1000")));
            }
            for (Instances.Instance instance : instances) {
                instance.start();
            }
            for (Instances.Instance instance : instances) {
                instance.awaitHealthy(Duration.ofSeconds(120));
            }
            List<SoakCall> calls = new CopyOnWriteArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                calls.add(newCall(random, twilio, telephony, pick(random)));
            }
            redis.snapshot();
            // The faults' order from the seed alone, whatever else the run draws.
            Faults faults = new Faults(new Random(seed + 1), broker, redis, instances);
            String token = new AccessTokens(SECRET).mint("soak", BUSINESSES, Duration.ofHours(24));
            Player player = new Player(instances, token, ledger, faults);
            Instant start = Instant.now();
            Instant end = start.plus(length);
            System.out.printf("[soak] ready in %d s: playing with faults for %d minutes%n",
                    Duration.between(began, start).toSeconds(), length.toMinutes());

            try (ExecutorService players = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> running = new ArrayList<>();
                for (int i = 0; i < PLAYERS; i++) {
                    Random own = new Random(random.nextLong());
                    running.add(players.submit(() -> playUntil(end, own, calls, player)));
                }
                Random arrivals = new Random(random.nextLong());
                running.add(players.submit(() -> {
                    while (Instant.now().isBefore(end)) {
                        calls.add(newCall(arrivals, twilio, telephony, SoakCall.Kind.PLAYABLE));
                        if (Duration.between(start, Instant.now()).compareTo(FAILING_FOR) > 0) {
                            calls.stream().filter(call -> call.kind == SoakCall.Kind.FAILING_AT_FIRST)
                                    .forEach(call -> twilio.healMedia(call.recordingSid));
                        }
                        Thread.sleep(NEW_CALL_EVERY);
                    }
                    return null;
                }));
                // Faults until the last one can heal well before the end.
                Thread.sleep(Duration.ofSeconds(20 + random.nextInt(21)));
                while (Instant.now().plusSeconds(40).isBefore(end)) {
                    faults.next();
                    Thread.sleep(Duration.ofSeconds(20 + random.nextInt(21)));
                }
                for (Future<?> task : running) {
                    task.get();
                }
            }
            calls.stream().filter(call -> call.kind == SoakCall.Kind.FAILING_AT_FIRST)
                    .forEach(call -> twilio.healMedia(call.recordingSid));

            Instant checking = Instant.now();
            everyPlayableCallPlays(calls, player, ledger, random);
            oneDownloadEach(calls, twilio, faults, ledger);
            awaitNoTemporaryFile(storage, Duration.ofSeconds(30));
            noHalfOrTemporaryFile(storage, calls, ledger);
            System.out.printf("[soak] final checks took %d s%n", Duration.between(checking, Instant.now()).toSeconds());
            for (Instances.Instance instance : instances) {
                instance.stop();
            }
            System.out.println("[soak] faults: " + faults.windows().stream()
                    .map(window -> window.kind() + " " + Duration.between(window.start(), window.healed()).toMillis()
                            + " ms").toList());
        }
        System.out.printf("%n[soak] seed %d%n%s%n", seed, ledger.table());
        if (!ledger.allHeld()) {
            System.out.println("[soak] FAILED: an invariant was broken (replay with -Dsoak.seed=" + seed + ")");
            System.exit(1);
        }
        System.out.println("[soak] every invariant held");
    }

    private static SoakCall.Kind pick(Random random) {
        int dice = random.nextInt(100);
        if (dice < 60) {
            return SoakCall.Kind.PLAYABLE;
        }
        return dice < 70 ? SoakCall.Kind.SLOW : dice < 80 ? SoakCall.Kind.FAILING_AT_FIRST
                : dice < 90 ? SoakCall.Kind.MISSING : SoakCall.Kind.EXPIRED;
    }

    /** A call of one of the businesses, its recording at Twilio, and the telephony service's fact about it. */
    private static SoakCall newCall(Random random, TwilioSimulator twilio, KafkaProducer<String, String> telephony,
                                    SoakCall.Kind kind) {
        String callSid = sid("CA", random);
        String recordingSid = sid("RE", random);
        String business = BUSINESSES.get(random.nextInt(BUSINESSES.size()));
        // A real recording's bytes with a tail of its own, so that no two calls' bytes are alike.
        byte[] sample = Samples.mp3(random.nextInt(3) + 1);
        byte[] tail = new byte[1024 + random.nextInt(16 * 1024)];
        random.nextBytes(tail);
        byte[] media = Arrays.copyOf(sample, sample.length + tail.length);
        System.arraycopy(tail, 0, media, sample.length, tail.length);
        // An expired call past the retention but within the day Redis keeps it longer: 410, not unknown.
        Instant startedAt = kind == SoakCall.Kind.EXPIRED ? Instant.now().minus(Duration.ofDays(7).plusHours(6))
                : Instant.now().minusSeconds(300 + random.nextInt(3600));
        Instant createdAt = startedAt.plusSeconds(60);
        twilio.addRecording(callSid, recordingSid, createdAt, media,
                kind == SoakCall.Kind.SLOW ? Duration.ofSeconds(4) : Duration.ZERO);
        switch (kind) {
            case MISSING -> twilio.deleteRecording(recordingSid);
            case FAILING_AT_FIRST -> twilio.failMedia(recordingSid, 500);
            default -> { }
        }
        telephony.send(new ProducerRecord<>("recordings.calls", callSid, """
                {"callSid":"%s","businessId":"%s","recordingSid":"%s","direction":"inbound","from":"+15550100",\
                "to":"+15550199","startedAt":"%s","durationSeconds":60}""".formatted(callSid, business, recordingSid,
                startedAt)));
        telephony.flush();
        return new SoakCall(callSid, business, recordingSid, media, kind, Instant.now());
    }

    private static Void playUntil(Instant end, Random random, List<SoakCall> calls, Player player) throws Exception {
        while (Instant.now().isBefore(end)) {
            // The newest calls are the likeliest to be played.
            int size = calls.size();
            SoakCall call = random.nextInt(3) == 0 ? calls.get(size - 1 - random.nextInt(Math.min(10, size)))
                    : calls.get(random.nextInt(size));
            String asBusiness = random.nextInt(10) == 0
                    ? BUSINESSES.stream().filter(other -> !other.equals(call.business)).toList().get(random.nextInt(3))
                    : call.business;
            player.play(call, asBusiness, Player.Range.any(random, call.media.length), random, PLAY_WITHIN);
            Thread.sleep(50 + random.nextInt(200));
        }
        return null;
    }

    private static void everyPlayableCallPlays(List<SoakCall> calls, Player player, Ledger ledger, Random random)
            throws Exception {
        try (ExecutorService sweep = Executors.newFixedThreadPool(PLAYERS)) {
            List<Future<?>> plays = new ArrayList<>();
            for (SoakCall call : calls) {
                if (call.kind.playable()) {
                    Random own = new Random(random.nextLong());
                    plays.add(sweep.submit(() -> {
                        boolean ended = player.play(call, call.business, Player.Range.WHOLE, own,
                                Duration.ofMinutes(3));
                        ledger.check(Invariant.PLAYS_AT_THE_END, ended && call.firstServed() != null,
                                call.kind + " call " + call.callSid + (ended ? " ended without its bytes"
                                        : " still not playing after 3 minutes"));
                        return null;
                    }));
                }
            }
            for (Future<?> play : plays) {
                play.get();
            }
        }
    }

    /** Failing attempts are Twilio's answers too: only recordings that Twilio served at once are counted. */
    private static void oneDownloadEach(List<SoakCall> calls, TwilioSimulator twilio, Faults faults, Ledger ledger) {
        for (SoakCall call : calls) {
            if (call.kind == SoakCall.Kind.PLAYABLE || call.kind == SoakCall.Kind.SLOW) {
                Instant from = (call.firstRequested() == null ? call.publishedAt : call.firstRequested()).minusSeconds(5);
                Instant to = call.firstServed() == null ? Instant.now() : call.firstServed();
                long allowed = 1 + faults.crashesBetween(from, to);
                int downloads = twilio.mediaDownloads(call.recordingSid);
                ledger.check(Invariant.ONE_DOWNLOAD, downloads <= allowed, call.kind + " call " + call.callSid
                        + " downloaded " + downloads + " times (" + allowed + " allowed), pending from " + from
                        + " to " + to + ", faults then: " + faults.between(from, to));
            }
        }
    }

    /**
     * Until the sweeps have taken the temporary files of killed writers (stale after 10 s, swept every 2 s), or
     * {@code atMost} has passed: what is left then is checked as left for good.
     */
    private static void awaitNoTemporaryFile(Path storage, Duration atMost) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(atMost);
        while (Instant.now().isBefore(deadline)) {
            try (Stream<Path> files = Files.list(storage)) {
                if (files.noneMatch(file -> file.getFileName().toString().endsWith(".part"))) {
                    return;
                }
            }
            Thread.sleep(500);
        }
    }

    private static void noHalfOrTemporaryFile(Path storage, List<SoakCall> calls, Ledger ledger) throws IOException {
        Map<String, byte[]> mediaOfCall = new java.util.HashMap<>();
        calls.forEach(call -> mediaOfCall.put(call.callSid + ".mp3", call.media));
        try (Stream<Path> files = Files.list(storage)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".part")) {
                    ledger.check(Invariant.NO_HALF_OR_TEMP_FILE, false, "temporary file " + name + " left");
                } else if (mediaOfCall.containsKey(name)) {
                    ledger.check(Invariant.NO_HALF_OR_TEMP_FILE, Arrays.equals(Files.readAllBytes(file),
                            mediaOfCall.get(name)), name + " is not the recording's bytes");
                }
            }
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000),
                new StringSerializer(), new StringSerializer());
    }

    private static String sid(String prefix, Random random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}

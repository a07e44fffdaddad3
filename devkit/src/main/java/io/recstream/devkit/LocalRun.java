package io.recstream.devkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The local run: starts a KRaft Kafka broker, a Redis server, with {@code --s3} an S3-compatible server (S3Proxy), and
 * (unless real Twilio credentials are set) a simulated Twilio with sample recordings, then runs the production jar against them, seeds calls of two businesses, and
 * prints an access token per business with a sample curl. Ctrl-C stops everything.
 */
public final class LocalRun {

    static final List<String> BUSINESSES = List.of("acme", "globex");
    /** Keeps the recordings in a bucket of an S3Proxy started here (its files under data/s3), not in a directory. */
    static final String S3_OPTION = "--s3";
    private static final String LOCAL_BUCKET = "recordings";

    private LocalRun() {
    }

    /** Where the local run writes its full logs: the infrastructure's and recstream's. */
    static final Path LOGS = Path.of(System.getProperty("recstream.local-run.logs", "data/local-run"));

    public static void main(String[] args) throws Exception {
        // Before anything logs: the console is for warnings and the banner, the files for everything.
        System.setProperty("logback.configurationFile", "local-run-logback.xml");
        Path jar = Path.of(System.getProperty("recstream.jar", "bootstrap/target/recstream.jar"));
        if (!Files.isReadable(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build it with ./mvnw -DskipTests package");
        }
        int httpPort = Integer.getInteger("server.port", 8080);
        String realAccount = System.getenv("RECSTREAM_TWILIO_ACCOUNT_SID");
        String realToken = System.getenv("RECSTREAM_TWILIO_AUTH_TOKEN");
        boolean simulate = realAccount == null || realToken == null;

        List<String> appArgs = new ArrayList<>(List.of(args));
        boolean onS3 = appArgs.remove(S3_OPTION);
        System.out.println("[local-run] starting Kafka (KRaft) and Redis" + (onS3 ? " and S3Proxy" : "") + "...");
        LocalKafka kafka = LocalKafka.start();
        LocalRedis redis = LocalRedis.start();
        LocalS3 s3 = onS3 ? LocalS3.start(Path.of("data/s3")).withBucket(LOCAL_BUCKET) : null;
        TwilioSimulator twilio = simulate ? TwilioSimulator.start() : null;
        String secret = randomSecret();

        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(RecstreamJar.PRODUCTION_JVM_OPTIONS);
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + httpPort,
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--recstream.topics.replication-factor=1", "--recstream.topics.min-insync-replicas=1",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + redis.port(),
                "--recstream.security.jwt-secret=" + secret,
                "--recstream.storage.dir=" + System.getProperty("recstream.storage.dir", "data/recordings"),
                "--recstream.ui.sign-in-url=http://localhost:" + (httpPort + 1) + "/"));
        command.addAll(consoleLogging());
        if (simulate) {
            command.addAll(List.of("--recstream.twilio.base-url=" + twilio.baseUrl(),
                    "--recstream.twilio.account-sid=" + TwilioSimulator.ACCOUNT_SID,
                    "--recstream.twilio.auth-token=" + TwilioSimulator.AUTH_TOKEN));
        }
        if (onS3) {
            command.addAll(List.of("--recstream.storage.type=s3", "--recstream.storage.s3.bucket=" + LOCAL_BUCKET,
                    "--recstream.storage.s3.endpoint=" + s3.endpoint(), "--recstream.storage.s3.path-style=true",
                    "--recstream.storage.s3.access-key=" + LocalS3.ACCESS_KEY,
                    "--recstream.storage.s3.secret-key=" + LocalS3.SECRET_KEY));
        }
        command.addAll(appArgs);
        Process app = new ProcessBuilder(command).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.destroy();
            try {
                app.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (twilio != null) {
                twilio.close();
            }
            if (s3 != null) {
                s3.close();
            }
            redis.close();
            kafka.close();
        }));

        String base = "http://localhost:" + httpPort;
        awaitHealthy(base, app);
        // Serves until the local run ends, with the JVM.
        String signIn = LocalSignIn.start(httpPort + 1, new AccessTokens(secret), base).url();
        List<SampleCall> calls = simulate ? SampleCall.seed(twilio, Instant.now()) : List.of();
        publishCalls(kafka.bootstrapServers(), calls);
        printWelcome(base, secret, calls, simulate, signIn);
        System.exit(app.waitFor());
    }

    /** recstream's warnings on the console, all its logs in a file: only for the local run, not the jar's default. */
    static List<String> consoleLogging() {
        return List.of("--logging.threshold.console=WARN", "--logging.file.name=" + LOGS.resolve("recstream.log"));
    }

    private static void awaitHealthy(String base, Process app) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline) && app.isAlive()) {
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("recstream did not become healthy");
    }

    private static void publishCalls(String bootstrapServers, List<SampleCall> calls) {
        Properties config = new Properties();
        config.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (SampleCall call : calls) {
                producer.send(new ProducerRecord<>("recordings.calls", call.callSid(), call.toJson()));
            }
            producer.flush();
        }
    }

    private static void printWelcome(String base, String secret, List<SampleCall> calls, boolean simulated,
                                     String signIn) {
        AccessTokens tokens = new AccessTokens(secret);
        StringBuilder out = new StringBuilder("\n[local-run] recstream is up at " + base + "\n");
        out.append("[local-run] open ").append(signIn).append(" in a browser, pick a business, and press Play\n");
        out.append(simulated ? "[local-run] Twilio is simulated, with sample recordings\n"
                : "[local-run] using the real Twilio account from RECSTREAM_TWILIO_ACCOUNT_SID\n");
        for (String business : BUSINESSES) {
            out.append("\n  business ").append(business).append(" token (valid 12h):\n    ")
                    .append(tokens.mint("local-" + business, List.of(business), Duration.ofHours(12))).append('\n');
        }
        calls.stream().filter(call -> call.business().equals("acme") && !call.expired()).findFirst().ifPresent(call -> {
            String token = tokens.mint("local-acme", List.of("acme"), Duration.ofHours(12));
            String url = base + "/api/recordings/" + call.callSid() + "/stream?business_id=acme";
            out.append("\n  try it (the first answer is 202 while the recording is fetched, then 200):\n")
                    .append("    curl -i -H 'Authorization: Bearer ").append(token).append("' '").append(url).append("'\n")
                    .append("    curl -s -o call.mp3 -w '%{http_code}\\n' -H 'Authorization: Bearer ").append(token)
                    .append("' '").append(url).append("'\n");
        });
        out.append("\n  seeded calls:\n");
        calls.forEach(call -> out.append("    ").append(call.business()).append(' ').append(call.direction()).append(' ')
                .append(call.callSid()).append(call.expired() ? " (older than the retention: 410)" : "").append('\n'));
        out.append("\n  the console shows warnings only; full logs: ").append(LOGS.resolve("recstream.log"))
                .append(" (recstream), ").append(LOGS.resolve("infrastructure.log"))
                .append(" (Kafka, Redis, S3Proxy, simulated Twilio)\n");
        System.out.println(out);
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

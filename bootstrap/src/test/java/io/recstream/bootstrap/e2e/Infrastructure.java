package io.recstream.bootstrap.e2e;

import io.recstream.devkit.AccessTokens;
import io.recstream.devkit.LocalKafka;
import io.recstream.devkit.LocalRedis;
import io.recstream.devkit.TwilioSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The real infrastructure of the end-to-end tests, started once per test JVM: a KRaft Kafka broker, a Redis server
 * and the Twilio simulator. Kafka and Redis come from Testcontainers where a Docker engine answers, and otherwise run
 * here (an in-JVM KRaft broker, a Redis server process): {@code -Drecstream.test.infrastructure=containers|embedded}
 * forces one. Each test uses fresh call SIDs, so tests don't depend on order.
 */
final class Infrastructure {

    static final String JWT_SECRET = "end-to-end-test-secret-that-is-long-enough-for-hs256";

    /** The tests' tuning (end-to-end.properties), for the instances a test starts itself. */
    private static final Map<String, String> TUNING = tuning();

    private static Infrastructure instance;

    private final String kafkaBootstrapServers;
    private final String redisHost;
    private final int redisPort;
    final TwilioSimulator twilio;
    final Path storage;
    final AccessTokens tokens = new AccessTokens(JWT_SECRET);

    private Infrastructure() {
        List<AutoCloseable> started = new ArrayList<>();
        if (useContainers()) {
            KafkaContainer kafka = new KafkaContainer("apache/kafka-native:4.1.0");
            GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
            kafka.start();
            redis.start();
            started.addAll(List.of(kafka, redis));
            kafkaBootstrapServers = kafka.getBootstrapServers();
            redisHost = redis.getHost();
            redisPort = redis.getMappedPort(6379);
            System.out.println("[recstream tests] Kafka and Redis from Testcontainers");
        } else {
            LocalKafka kafka = LocalKafka.start();
            LocalRedis redis = LocalRedis.start();
            started.addAll(List.of(kafka, redis));
            kafkaBootstrapServers = kafka.bootstrapServers();
            redisHost = "127.0.0.1";
            redisPort = redis.port();
            System.out.println("[recstream tests] Kafka and Redis embedded (no Docker engine, or asked for)");
        }
        twilio = TwilioSimulator.start();
        started.add(twilio);
        try {
            storage = Files.createTempDirectory("recstream-e2e-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> started.reversed().forEach(Infrastructure::closeQuietly)));
    }

    private static boolean useContainers() {
        return switch (System.getProperty("recstream.test.infrastructure", "auto")) {
            case "containers" -> true;
            case "embedded" -> false;
            // Probing for Docker takes seconds: only where a socket or DOCKER_HOST says an engine may be there.
            default -> (Files.exists(Path.of("/var/run/docker.sock")) || System.getenv("DOCKER_HOST") != null)
                    && DockerClientFactory.instance().isDockerAvailable();
        };
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // the JVM is going away
        }
    }

    String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    static synchronized Infrastructure get() {
        if (instance == null) {
            instance = new Infrastructure();
        }
        return instance;
    }

    private static Map<String, String> tuning() {
        Properties tuning = new Properties();
        try (InputStream in = Infrastructure.class.getResourceAsStream("/" + EndToEndTest.TUNING_FILE)) {
            tuning.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> properties = new HashMap<>();
        tuning.stringPropertyNames().forEach(name -> properties.put(name, tuning.getProperty(name)));
        return properties;
    }

    /** The properties that point an instance of recstream at this infrastructure, with the tests' tuning. */
    Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>(TUNING);
        properties.putAll(location());
        return properties;
    }

    /** Where this infrastructure is: set dynamically, since its ports are chosen at start. */
    Map<String, Object> location() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers);
        // One broker: one copy of each partition.
        properties.put("recstream.topics.replication-factor", 1);
        properties.put("recstream.topics.min-insync-replicas", 1);
        properties.put("spring.data.redis.host", redisHost);
        properties.put("spring.data.redis.port", redisPort);
        properties.put("recstream.security.jwt-secret", JWT_SECRET);
        properties.put("recstream.storage.dir", storage.toString());
        properties.put("recstream.twilio.base-url", twilio.baseUrl());
        properties.put("recstream.twilio.account-sid", TwilioSimulator.ACCOUNT_SID);
        properties.put("recstream.twilio.auth-token", TwilioSimulator.AUTH_TOKEN);
        properties.put("recstream.twilio.webhook-base-url", "https://recstream.test");
        return properties;
    }
}

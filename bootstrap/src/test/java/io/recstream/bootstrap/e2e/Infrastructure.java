package io.recstream.bootstrap.e2e;

import io.recstream.devkit.AccessTokens;
import io.recstream.devkit.LocalKafka;
import io.recstream.devkit.LocalRedis;
import io.recstream.devkit.TwilioSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real infrastructure of the end-to-end tests, started once per test JVM: a KRaft Kafka broker, a Redis server
 * process on a free port, and the Twilio simulator. Each test uses fresh call SIDs, so tests don't depend on order.
 */
final class Infrastructure {

    static final String JWT_SECRET = "end-to-end-test-secret-that-is-long-enough-for-hs256";

    private static Infrastructure instance;

    final LocalKafka kafka;
    final LocalRedis redis;
    final TwilioSimulator twilio;
    final Path storage;
    final AccessTokens tokens = new AccessTokens(JWT_SECRET);

    private Infrastructure() {
        kafka = LocalKafka.start();
        redis = LocalRedis.start();
        twilio = TwilioSimulator.start();
        try {
            storage = Files.createTempDirectory("recstream-e2e-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            twilio.close();
            redis.close();
            kafka.close();
        }));
    }

    static synchronized Infrastructure get() {
        if (instance == null) {
            instance = new Infrastructure();
        }
        return instance;
    }

    /** The properties that point an instance of recstream at this infrastructure. */
    Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("spring.data.redis.host", "127.0.0.1");
        properties.put("spring.data.redis.port", redis.port());
        properties.put("recstream.security.jwt-secret", JWT_SECRET);
        properties.put("recstream.storage.dir", storage.toString());
        properties.put("recstream.twilio.base-url", twilio.baseUrl());
        properties.put("recstream.twilio.account-sid", TwilioSimulator.ACCOUNT_SID);
        properties.put("recstream.twilio.auth-token", TwilioSimulator.AUTH_TOKEN);
        properties.put("recstream.twilio.webhook-base-url", "https://recstream.test");
        // Quick retries and short waits, so that failure tests finish in seconds.
        properties.put("recstream.twilio.retry.initial-backoff", "50ms");
        properties.put("recstream.twilio.read-timeout", "3s");
        properties.put("recstream.twilio.stall-timeout", "2s");
        properties.put("recstream.download.retry.attempts", "3");
        properties.put("recstream.download.retry.initial-backoff", "300ms");
        properties.put("recstream.download.retry.max-backoff", "1s");
        properties.put("recstream.download.cool-down", "3s");
        return properties;
    }
}

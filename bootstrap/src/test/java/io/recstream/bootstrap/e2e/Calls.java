package io.recstream.bootstrap.e2e;

import io.recstream.devkit.TwilioSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test data: calls with recordings at the Twilio simulator, reported on the calls topic as the telephony service would. */
final class Calls {

    private final TwilioSimulator twilio;
    private final KafkaProducer<String, String> producer;
    private final String callsTopic;

    Calls(Infrastructure infrastructure) {
        this(infrastructure.kafkaBootstrapServers(), infrastructure.twilio);
    }

    Calls(String bootstrapServers, TwilioSimulator twilio) {
        this(bootstrapServers, twilio, "recordings.calls");
    }

    /** Reporting calls on {@code callsTopic}, as for instances with topics of their own. */
    Calls(Infrastructure infrastructure, String callsTopic) {
        this(infrastructure.kafkaBootstrapServers(), infrastructure.twilio, callsTopic);
    }

    Calls(String bootstrapServers, TwilioSimulator twilio, String callsTopic) {
        this.twilio = twilio;
        this.callsTopic = callsTopic;
        Properties config = new Properties();
        config.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        this.producer = new KafkaProducer<>(config);
    }

    record TestCall(String callSid, String business, String recordingSid, byte[] media) {
    }

    static String sid(String prefix) {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    static byte[] audio(int size) {
        byte[] bytes = new byte[size];
        new Random(size * 31L + System.nanoTime()).nextBytes(bytes);
        return bytes;
    }

    /** A call of {@code business} whose recording Twilio has, created {@code age} ago, sent after {@code mediaDelay}. */
    TestCall recorded(String business, Duration age, int size, Duration mediaDelay) {
        return recorded(business, "inbound", audio(size), age, mediaDelay);
    }

    TestCall recorded(String business, String direction, byte[] media, Duration age, Duration mediaDelay) {
        return recordedBetween(business, direction, "+15550001", "+15550002", media, age, mediaDelay);
    }

    /** A call between two numbers, its recording created {@code age} ago. */
    TestCall recordedBetween(String business, String direction, String from, String to, byte[] media, Duration age,
                             Duration mediaDelay) {
        TestCall call = new TestCall(sid("CA"), business, sid("RE"), media);
        Instant created = Instant.now().minus(age);
        twilio.addRecording(call.callSid(), call.recordingSid(), created, call.media(), mediaDelay);
        report(call.callSid(), business, call.recordingSid(), direction, from, to, created.minusSeconds(60));
        return call;
    }

    TestCall recorded(String business) {
        return recorded(business, Duration.ofHours(1), 50_000, Duration.ZERO);
    }

    void report(String callSid, String business, String recordingSid, String direction, Instant startedAt) {
        report(callSid, business, recordingSid, direction, "+15550001", "+15550002", startedAt);
    }

    void report(String callSid, String business, String recordingSid, String direction, String from, String to,
                Instant startedAt) {
        String recording = recordingSid == null ? "" : "\"recordingSid\":\"" + recordingSid + "\",";
        send(callsTopic, callSid, """
                {"callSid":"%s","businessId":"%s",%s"direction":"%s","from":"%s","to":"%s",\
                "startedAt":"%s","durationSeconds":60}""".formatted(callSid, business, recording, direction, from, to,
                startedAt));
    }

    void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }
}

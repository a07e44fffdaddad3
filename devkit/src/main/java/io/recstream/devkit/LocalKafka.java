package io.recstream.devkit;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real single-node Kafka broker in KRaft mode, in this JVM, on a loopback port. */
public final class LocalKafka implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    private LocalKafka(int port) {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        if (port > 0) {
            broker.kafkaPorts(port);
        }
        broker.brokerProperty("auto.create.topics.enable", "false");
        broker.afterPropertiesSet();
    }

    public static LocalKafka start() {
        return new LocalKafka(0);
    }

    public static LocalKafka startOnPort(int port) {
        return new LocalKafka(port);
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}

package io.recstream.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real KRaft Kafka node (broker and controller) in a process of its own, with its log on disk: unlike the in-JVM
 * broker it can be stopped and started again with its topics and offsets intact, or killed, as a broker outage looks
 * in production. Alone, or one of a cluster ({@link #cluster(int)}).
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private final Path directory;
    private final int port;
    private Process process;

    private KafkaBrokerProcess(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** A one-node cluster. */
    public static KafkaBrokerProcess start() {
        return cluster(1).getFirst();
    }

    /**
     * A cluster of {@code nodes} nodes, each a broker and a voter of the controller quorum. With three or more, its
     * internal topics have three copies and its defaults are those of a production cluster that may lose a broker:
     * replication factor 3, {@code min.insync.replicas} 2.
     */
    public static List<KafkaBrokerProcess> cluster(int nodes) {
        try {
            int copies = Math.min(3, nodes);
            int inSync = Math.min(2, nodes);
            List<Integer> ports = new ArrayList<>();
            List<String> voters = new ArrayList<>();
            for (int id = 1; id <= nodes; id++) {
                ports.add(FreePorts.next());
                voters.add(id + "@127.0.0.1:" + FreePorts.next());
            }
            String clusterId = Uuid.randomUuid().toString();
            List<KafkaBrokerProcess> brokers = new ArrayList<>();
            for (int id = 1; id <= nodes; id++) {
                Path directory = Files.createTempDirectory("kafka-broker-" + id + "-");
                int port = ports.get(id - 1);
                String controller = voters.get(id - 1).substring(voters.get(id - 1).indexOf('@') + 1);
                Files.writeString(directory.resolve("server.properties"), String.join("\n",
                        "process.roles=broker,controller",
                        "node.id=" + id,
                        "controller.quorum.voters=" + String.join(",", voters),
                        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://" + controller,
                        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                        "controller.listener.names=CONTROLLER",
                        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                        "inter.broker.listener.name=PLAINTEXT",
                        "log.dirs=" + directory.resolve("logs"),
                        "offsets.topic.replication.factor=" + copies,
                        "transaction.state.log.replication.factor=" + copies,
                        "transaction.state.log.min.isr=" + inSync,
                        "default.replication.factor=" + copies,
                        "min.insync.replicas=" + inSync,
                        "group.initial.rebalance.delay.ms=0",
                        "auto.create.topics.enable=false", ""));
                KafkaBrokerProcess broker = new KafkaBrokerProcess(directory, port);
                Process format = broker.java("kafka.tools.StorageTool", "format", "-t", clusterId,
                        "-c", directory.resolve("server.properties").toString()).start();
                if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                    throw new IllegalStateException("formatting the Kafka log failed: " + broker.logTail());
                }
                brokers.add(broker);
            }
            // A node answers only once the quorum has a leader: all must be started before any is waited for.
            brokers.forEach(KafkaBrokerProcess::launch);
            brokers.forEach(KafkaBrokerProcess::awaitAnswering);
            return brokers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The bootstrap servers of a cluster: every node, so that a client starts with any one down. */
    public static String bootstrapServers(List<KafkaBrokerProcess> cluster) {
        return String.join(",", cluster.stream().map(KafkaBrokerProcess::bootstrapServers).toList());
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The broker's process, to pin it to cores, say. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** Starts the broker (again) on the same port and log, and waits until it answers. */
    public void restart() {
        launch();
        awaitAnswering();
    }

    private void launch() {
        try {
            process = java("kafka.Kafka", directory.resolve("server.properties").toString()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitAnswering() {
        Properties config = new Properties();
        config.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        try (Admin admin = Admin.create(config)) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kafka broker died: " + logTail());
                }
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    // keep asking until the deadline
                }
            }
        }
        throw new IllegalStateException("the Kafka broker did not come up: " + logTail());
    }

    /** Kills the broker (SIGKILL: no controlled shutdown, no leadership handed over), as a machine lost. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Freezes the broker (SIGSTOP): its connections stay open and nothing answers, as with a stalled host. */
    public void pause() {
        Signals.send(process.toHandle(), "-STOP");
    }

    /** Lets a {@link #pause() paused} broker go on (SIGCONT). */
    public void resume() {
        Signals.send(process.toHandle(), "-CONT");
    }

    /** Shuts the broker down (SIGTERM, so it closes its log cleanly) and waits until it is gone. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    private static boolean isSpringBootJar(String classPath) {
        if (classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(classPath)) {
            return jar.getManifest() != null
                    && jar.getManifest().getMainAttributes().getValue("Spring-Boot-Classes") != null;
        } catch (IOException unreadable) {
            return false;
        }
    }

    /** Where the log is and how it ends: a CI run keeps only what the failure says, not the machine's files. */
    private String logTail() {
        Path log = directory.resolve("broker.log");
        try {
            List<String> lines = Files.readAllLines(log);
            return log + ", ending:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException unreadable) {
            return log + " (unreadable: " + unreadable.getMessage() + ")";
        }
    }

    /**
     * {@code mainClass} in a JVM of its own, on this JVM's class path; inside a Spring Boot jar (the benchmark suite's),
     * through the jar's own launcher, which reads the jars nested in it.
     */
    private ProcessBuilder java(String mainClass, String... args) {
        String classPath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-cp", classPath));
        if (isSpringBootJar(classPath)) {
            command.addAll(List.of("-Dloader.main=" + mainClass,
                    "org.springframework.boot.loader.launch.PropertiesLauncher"));
        } else {
            command.add(mainClass);
        }
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("broker.log").toFile()));
    }
}

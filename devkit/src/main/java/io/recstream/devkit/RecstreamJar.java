package io.recstream.devkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How the devkit's tools start recstream's production jar against the local infrastructure, as a process. */
public final class RecstreamJar {

    /**
     * The JVM options the image runs recstream with (its {@code JAVA_TOOL_OPTIONS}, less the heap share, which a
     * container's limit sizes): every tool runs it as production does, so that what they measure is what ships.
     */
    public static final List<String> PRODUCTION_JVM_OPTIONS = List.of("-XX:+UseSerialGC");

    private RecstreamJar() {
    }

    /**
     * The command that runs the jar of the build under {@code root} on {@code port}, with a single Kafka broker, a
     * Redis on localhost, the Twilio simulator and a volume, with the {@link #PRODUCTION_JVM_OPTIONS} unless
     * {@code jvmOptions} choose a collector of their own; {@code jvmOptions} go before the jar, {@code settings}
     * (Spring's {@code --name=value}) after the common ones, so they win.
     */
    public static List<String> command(Path root, List<String> jvmOptions, int port, String kafkaBootstrapServers,
                                       int redisPort, String twilioBaseUrl, Path storage, String jwtSecret,
                                       List<String> settings) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m"));
        if (jvmOptions.stream().noneMatch(option -> option.startsWith("-XX:+Use") && option.endsWith("GC"))) {
            command.addAll(PRODUCTION_JVM_OPTIONS);
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", root.resolve("bootstrap/target/recstream.jar").toString(),
                "--server.port=" + port, "--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers,
                "--recstream.topics.replication-factor=1", "--recstream.topics.min-insync-replicas=1",
                "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
                "--recstream.security.jwt-secret=" + jwtSecret, "--recstream.storage.dir=" + storage,
                "--recstream.storage.max-size=100GB", "--recstream.twilio.base-url=" + twilioBaseUrl,
                "--recstream.twilio.account-sid=" + TwilioSimulator.ACCOUNT_SID,
                "--recstream.twilio.auth-token=" + TwilioSimulator.AUTH_TOKEN, "--logging.level.root=WARN"));
        command.addAll(settings);
        return command;
    }
}

package io.recstream.bootstrap.e2e;

import io.recstream.bootstrap.RecstreamApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Extra recstream instances for tests that need more than the shared test context: in this JVM, or as a process. */
final class Instances {

    private Instances() {
    }

    /**
     * Properties for instances with topics and consumer groups of their own (named after {@code prefix}), so that no
     * other test's instance takes part in their work, sharing the recordings volume {@code volume}.
     */
    static Map<String, Object> isolated(Infrastructure infrastructure, String prefix, Path volume) {
        Map<String, Object> properties = infrastructure.properties();
        properties.putAll(Map.of("server.port", 0, "recstream.storage.dir", volume.toString(),
                "recstream.topics.calls", prefix + ".calls",
                "recstream.topics.registrations", prefix + ".registrations",
                "recstream.topics.download-requests", prefix + ".download-requests",
                "recstream.topics.download-events", prefix + ".download-events",
                "recstream.kafka.download-group", prefix + "-downloaders",
                "recstream.kafka.call-registry-group", prefix + "-calls"));
        return properties;
    }

    /** As command-line arguments, which (unlike default properties) take precedence over application.yml. */
    static String[] arguments(Map<String, Object> properties) {
        return properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
    }

    static ConfigurableApplicationContext startInThisJvm(Map<String, Object> properties) {
        return new SpringApplicationBuilder(RecstreamApplication.class).run(arguments(properties));
    }

    static int port(ConfigurableApplicationContext instance) {
        return ((WebServerApplicationContext) instance).getWebServer().getPort();
    }

    /** A recstream JVM of its own, on this test's classpath, so that it can be killed with SIGKILL. */
    static Process startProcess(Map<String, Object> properties, Path log) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), RecstreamApplication.class.getName()));
        command.addAll(List.of(arguments(properties)));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

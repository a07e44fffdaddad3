package io.recstream.soak;

import io.recstream.devkit.FreePorts;
import io.recstream.devkit.RecstreamJar;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** recstream's production jar, as processes on ports of their own, that the soak kills and starts again. */
final class Instances {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Instances() {
    }

    static final class Instance {
        private final String name;
        private final List<String> command;
        private final Path log;
        private final int port;
        private Process process;

        Instance(String name, Path root, int port, String kafka, int redisPort, String twilio, Path storage,
                 String secret, Path log, List<String> settings) {
            this.name = name;
            this.port = port;
            this.log = log;
            this.command = RecstreamJar.command(root, List.of(), port, kafka, redisPort, twilio, storage, secret,
                    settings);
        }

        static Instance on(String name, Path root, String kafka, int redisPort, String twilio, Path storage,
                           String secret, Path work, List<String> settings) {
            return new Instance(name, root, FreePorts.next(), kafka, redisPort, twilio, storage, secret,
                    work.resolve(name + ".log"), settings);
        }

        String name() {
            return name;
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        synchronized void start() throws IOException {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        }

        /** SIGKILL: no shutdown hook, no graceful end of the downloads in hand. */
        synchronized void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }

        /** SIGTERM, and the instance's graceful shutdown. */
        synchronized void stop() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }

        void awaitHealthy(Duration within) throws InterruptedException {
            Instant deadline = Instant.now().plus(within);
            while (Instant.now().isBefore(deadline)) {
                try {
                    if (HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                Thread.sleep(250);
            }
            throw new IllegalStateException(name + " did not become healthy: see " + log);
        }
    }
}

package io.recstream.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Redis with failover, from Debian's packages ({@code redis-server}, {@code redis-sentinel}): a primary and a replica,
 * each a process on a loopback port, watched by three Sentinels that promote the replica when the primary is lost.
 */
public final class RedisSentinels implements AutoCloseable {

    public static final String MASTER_NAME = "recstream";
    private static final String SERVER = "/usr/bin/redis-server";

    private final List<Node> servers = new ArrayList<>();
    private final List<Node> sentinels = new ArrayList<>();

    private record Node(int port, Process process) {
    }

    private RedisSentinels() {
    }

    /** Whether this machine has the binaries (CI installs them: {@code apt-get install redis-server redis-sentinel}). */
    public static boolean installed() {
        return Files.isExecutable(Path.of(SERVER));
    }

    public static RedisSentinels start() {
        RedisSentinels group = new RedisSentinels();
        try {
            Path directory = Files.createTempDirectory("redis-sentinels-");
            int primaryPort = FreePorts.next();
            group.servers.add(group.server(directory, primaryPort, null));
            group.servers.add(group.server(directory, FreePorts.next(), primaryPort));
            for (int i = 0; i < 3; i++) {
                int port = FreePorts.next();
                Path config = directory.resolve("sentinel-" + port + ".conf");
                // Sentinel rewrites its own file as it learns the group: it must be writable, one per Sentinel.
                Files.writeString(config, String.join("\n",
                        "port " + port,
                        "bind 127.0.0.1",
                        "dir " + directory,
                        "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + primaryPort + " 2",
                        "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                        "sentinel failover-timeout " + MASTER_NAME + " 5000",
                        "sentinel parallel-syncs " + MASTER_NAME + " 1", ""));
                group.sentinels.add(new Node(port, group.launch(directory, "sentinel-" + port,
                        SERVER, config.toString(), "--sentinel")));
            }
            group.servers.forEach(RedisSentinels::awaitAnswering);
            group.sentinels.forEach(RedisSentinels::awaitAnswering);
            return group;
        } catch (IOException | RuntimeException e) {
            group.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private Node server(Path directory, int port, Integer primaryPort) throws IOException {
        List<String> command = new ArrayList<>(List.of(SERVER, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", directory.toString(),
                "--dbfilename", "dump-" + port + ".rdb"));
        if (primaryPort != null) {
            command.addAll(List.of("--replicaof", "127.0.0.1", primaryPort.toString()));
        }
        return new Node(port, launch(directory, "redis-" + port, command.toArray(String[]::new)));
    }

    private Process launch(Path directory, String name, String... command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + ".log").toFile()).start();
    }

    /** The Sentinels' addresses, as {@code spring.data.redis.sentinel.nodes} takes them. */
    public String sentinelNodes() {
        return String.join(",", sentinels.stream().map(node -> "127.0.0.1:" + node.port()).toList());
    }

    /** Kills the server that is the primary now (SIGKILL), as a machine lost; the Sentinels promote the replica. */
    public void killPrimary() {
        int primaryPort = primaryPort();
        servers.stream().filter(node -> node.port() == primaryPort).forEach(node -> {
            node.process().destroyForcibly();
            try {
                node.process().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** The primary's port, as the first Sentinel that answers sees it. */
    public int primaryPort() {
        for (Node sentinel : sentinels) {
            try {
                String reply = RedisWire.ask(sentinel.port(), "SENTINEL get-master-addr-by-name " + MASTER_NAME);
                String[] lines = reply.split("\r\n");
                return Integer.parseInt(lines[lines.length - 1]);
            } catch (IOException | RuntimeException e) {
                // ask the next one
            }
        }
        throw new IllegalStateException("no Sentinel answers");
    }

    private static void awaitAnswering(Node node) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!node.process().isAlive()) {
                throw new IllegalStateException("Redis on port " + node.port() + " died at start");
            }
            try {
                if (RedisWire.ask(node.port(), "PING").startsWith("+PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                // keep asking until the deadline
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("Redis on port " + node.port() + " did not come up");
    }

    @Override
    public void close() {
        sentinels.forEach(node -> node.process().destroyForcibly());
        servers.forEach(node -> node.process().destroyForcibly());
    }
}

package io.recstream.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import redis.embedded.RedisServer;

/** A real Redis server process (the binary shipped in the embedded-redis jar) on a loopback port. */
public final class LocalRedis implements AutoCloseable {

    private static final Pattern DATASET_MEMORY = Pattern.compile("(?m)^used_memory_dataset:(\\d+)");
    private static final Pattern COMMAND_STAT = Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)");

    private final RedisServer server;
    private final int port;
    private ProcessHandle process;

    private enum Persistence { NONE, APPEND_ONLY, SNAPSHOTS_TAKEN }

    private LocalRedis(int port, Persistence persistence, Path directory) {
        this.port = port;
        try {
            var builder = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"");
            switch (persistence) {
                case NONE -> builder.setting("appendonly no");
                case APPEND_ONLY -> builder.setting("appendonly yes").setting("appendfsync always")
                        .setting("dir " + directory);
                case SNAPSHOTS_TAKEN -> builder.setting("appendonly no").setting("dir " + directory);
            }
            server = builder.build();
            startServer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Redis on port " + port, e);
        }
    }

    public static LocalRedis start() {
        return new LocalRedis(FreePorts.next(), Persistence.NONE, null);
    }

    /** A server that keeps its data on disk (append-only file), so that it survives {@link #stop()} and {@link #restart()}. */
    public static LocalRedis startPersistent(Path directory) {
        return new LocalRedis(FreePorts.next(), Persistence.APPEND_ONLY, directory);
    }

    /**
     * A server that keeps on disk only the snapshots it is told to take ({@link #snapshot()}): after {@link #stop()}
     * and {@link #restart()} it holds what it held at the last one, as Redis restarted from an older snapshot does.
     */
    public static LocalRedis startWithSnapshots(Path directory) {
        return new LocalRedis(FreePorts.next(), Persistence.SNAPSHOTS_TAKEN, directory);
    }

    /** Writes the data as it is now to the snapshot ({@code SAVE}). */
    public void snapshot() {
        ask("SAVE");
    }

    /** Empties the server ({@code FLUSHALL}), as an operator's mistake or a restart without persistence would. */
    public void flushAll() {
        ask("FLUSHALL");
    }

    /** One command to the server, over its own connection; its answer. */
    private String ask(String command) {
        try {
            return RedisWire.ask(port, command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's process, to pin it to a core (a benchmark's). */
    public synchronized ProcessHandle process() {
        if (process == null) {
            throw new IllegalStateException("the Redis server's process is not known");
        }
        return process;
    }

    public int port() {
        return port;
    }

    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server again on the same port, e.g. after a test stopped it. */
    public void restart() {
        try {
            startServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Zeroes the server's command counters ({@code CONFIG RESETSTAT}). */
    public void resetCommandCounts() {
        ask("CONFIG RESETSTAT");
    }

    /** Commands the server ran since the last reset, by name ({@code INFO commandstats}). */
    public Map<String, Long> commandCounts() {
        Map<String, Long> counts = new TreeMap<>();
        Matcher stat = COMMAND_STAT.matcher(ask("INFO commandstats"));
        while (stat.find()) {
            counts.put(stat.group(1), Long.parseLong(stat.group(2)));
        }
        return counts;
    }

    /**
     * The memory the server's data takes now, in bytes: {@code used_memory_dataset} of {@code INFO memory}, without the
     * server's overhead (client buffers, scripts, and the main hash table, which doubles in one step now and then).
     */
    public long datasetMemory() {
        Matcher used = DATASET_MEMORY.matcher(ask("INFO memory"));
        if (!used.find()) {
            throw new IllegalStateException("INFO memory without used_memory_dataset");
        }
        return Long.parseLong(used.group(1));
    }

    /** Freezes the server (SIGSTOP): connections stay open and nothing answers, as with a stalled host. */
    public void pause() {
        signal("-STOP");
    }

    /** Lets a {@link #pause() paused} server go on (SIGCONT). */
    public void resume() {
        signal("-CONT");
    }

    /** Starts the server process, and tells which child of this JVM it is (the library does not say). */
    private synchronized void startServer() throws IOException {
        Set<Long> before = childPids();
        server.start();
        process = ProcessHandle.current().children().filter(child -> !before.contains(child.pid())).findFirst()
                .orElse(null);
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private void signal(String signal) {
        if (process == null) {
            throw new IllegalStateException("the Redis process of port " + port + " is not known");
        }
        Signals.send(process, signal);
    }

    @Override
    public void close() {
        stop();
    }
}

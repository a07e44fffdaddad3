package io.recstream.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import redis.embedded.RedisServer;

/** A real Redis server process (the binary shipped in the embedded-redis jar) on a loopback port. */
public final class LocalRedis implements AutoCloseable {

    /** Sums {@code MEMORY USAGE} over every key, in one script (the server answers nothing else meanwhile). */
    private static final String KEYS_MEMORY = "EVAL \"local total, cursor = 0, '0' repeat"
            + " local page = redis.call('SCAN', cursor, 'COUNT', 1000) cursor = page[1]"
            + " for _, key in ipairs(page[2]) do total = total + redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0') end"
            + " until cursor == '0' return total\" 0";
    private static final Pattern INTEGER_REPLY = Pattern.compile("^:(\\d+)$");
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
        return ask(command, RedisWire.QUICK_REPLY);
    }

    private String ask(String command, Duration replyWithin) {
        try {
            return RedisWire.ask(port, command, replyWithin);
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
     * The memory the server's keys take now, in bytes: every key's {@code MEMORY USAGE}, summed. Not
     * {@code used_memory_dataset}, the server's memory less its overhead: the overhead counts the clients' buffers only
     * when the server's cron gets to each client, so a buffer just grown by a pipeline showed as data.
     */
    public long datasetMemory() {
        // Every key of a large view (the F1 benchmark's 400,000 calls) takes the server a while.
        String reply = ask(KEYS_MEMORY, Duration.ofSeconds(60));
        Matcher total = INTEGER_REPLY.matcher(reply);
        if (!total.matches()) {
            throw new IllegalStateException("summing the keys' memory answered " + reply);
        }
        return Long.parseLong(total.group(1));
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

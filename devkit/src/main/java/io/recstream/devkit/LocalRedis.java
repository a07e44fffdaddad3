package io.recstream.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/** A real Redis server process (the binary shipped in the embedded-redis jar) on a loopback port. */
public final class LocalRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    private LocalRedis(int port, Path persistence) {
        this.port = port;
        try {
            var builder = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"");
            if (persistence == null) {
                builder.setting("appendonly no");
            } else {
                builder.setting("appendonly yes").setting("appendfsync always").setting("dir " + persistence);
            }
            server = builder.build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Redis on port " + port, e);
        }
    }

    public static LocalRedis start() {
        return new LocalRedis(FreePorts.next(), null);
    }

    /** A server that keeps its data on disk (append-only file), so that it survives {@link #stop()} and {@link #restart()}. */
    public static LocalRedis startPersistent(Path directory) {
        return new LocalRedis(FreePorts.next(), directory);
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
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}

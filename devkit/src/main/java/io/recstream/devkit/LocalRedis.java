package io.recstream.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import redis.embedded.RedisServer;

/** A real Redis server process (the binary shipped in the embedded-redis jar) on a loopback port. */
public final class LocalRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    private LocalRedis(int port) {
        this.port = port;
        try {
            server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Redis on port " + port, e);
        }
    }

    public static LocalRedis start() {
        return new LocalRedis(FreePorts.next());
    }

    public static LocalRedis startOnPort(int port) {
        return new LocalRedis(port);
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

package io.recstream.adapter.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import redis.embedded.RedisServer;

/** A real Redis server process on a free port, for one test class. */
final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

    private RedisServer server;
    private LettuceConnectionFactory connections;
    private StringRedisTemplate template;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        int port = freePort();
        server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").build();
        server.start();
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
        connections.afterPropertiesSet();
        connections.start();
        template = new StringRedisTemplate(connections);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        connections.destroy();
        server.stop();
    }

    StringRedisTemplate template() {
        return template;
    }

    LettuceConnectionFactory connections() {
        return connections;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

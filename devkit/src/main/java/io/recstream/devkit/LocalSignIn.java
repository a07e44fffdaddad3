package io.recstream.devkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The local run's stand-in for an identity provider: a page on its own port that lets a newcomer pick a seeded
 * business and sets the {@code access_token} cookie (cookies are shared across the ports of one host). It lives in
 * the devkit only: nothing of it is in the production jar.
 */
final class LocalSignIn implements AutoCloseable {

    private final HttpServer server;

    private LocalSignIn(HttpServer server) {
        this.server = server;
    }

    /** The page on {@code port}, sending a signed-in visitor to {@code recstream}'s calls page. */
    static LocalSignIn start(int port, AccessTokens tokens, String recstream) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/", exchange -> {
                String query = exchange.getRequestURI().getQuery();
                String business = query != null && query.startsWith("business=") ? query.substring(9) : null;
                if (business != null && LocalRun.BUSINESSES.contains(business)) {
                    String token = tokens.mint("local-" + business, List.of(business), Duration.ofHours(12));
                    exchange.getResponseHeaders().add("Set-Cookie",
                            "access_token=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200");
                    exchange.getResponseHeaders().add("Location", recstream + "/?business_id=" + business);
                    exchange.sendResponseHeaders(302, -1);
                    exchange.close();
                    return;
                }
                page(exchange);
            });
            server.start();
            return new LocalSignIn(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local sign-in page on port " + port, e);
        }
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void page(HttpExchange exchange) throws IOException {
        String links = LocalRun.BUSINESSES.stream()
                .map(business -> "<li><a href=\"/?business=" + business + "\">" + business + "</a></li>")
                .collect(Collectors.joining());
        byte[] html = ("""
                <!doctype html><html lang="he" dir="rtl"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1"><title>התחברות (הרצה מקומית)</title>
                <style>body{font-family:Arial,sans-serif;margin:2rem}li{margin:.5rem 0;font-size:1.2rem}</style></head>
                <body><h1>התחברות להרצה המקומית</h1><p>בחרו עסק לדוגמה:</p><ul>%s</ul></body></html>"""
                .formatted(links)).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, html.length);
        exchange.getResponseBody().write(html);
        exchange.close();
    }
}

package io.recstream.devkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Sends a slow Twilio's media on time: its headers and first piece exactly {@code firstByte} after the request, each
 * next piece on schedule, then (for a body shorter than it announced) a closed connection. WireMock's own dribble
 * sends the first byte of a large body 0.2-0.5 s late (measured on a 14 MB body), which a first-audio benchmark
 * would count as recstream's. A socket per request, answered on a virtual thread, {@code Connection: close}.
 */
final class TrickleServer implements AutoCloseable {

    /** What to send for one path: {@code body} (perhaps less than the {@code announced} length) in pieces. */
    record Trickle(byte[] body, long announced, Duration firstByte, int pieces, Duration total) {
    }

    private static final byte[] END_OF_HEADERS = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listening;
    private final Map<String, Trickle> trickles = new ConcurrentHashMap<>();
    private final ExecutorService answers = Executors.newVirtualThreadPerTaskExecutor();

    TrickleServer() {
        try {
            listening = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("no port for the trickled media", e);
        }
        Thread.ofPlatform().daemon().name("twilio-trickle-accept").start(this::accept);
    }

    /** Where {@code path} is answered. */
    String url(String path) {
        return "http://127.0.0.1:" + listening.getLocalPort() + path;
    }

    void serve(String path, Trickle trickle) {
        trickles.put(path, trickle);
    }

    void stop(String path) {
        trickles.remove(path);
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                Socket connection = listening.accept();
                long acceptedAt = System.nanoTime();
                answers.execute(() -> answer(connection, acceptedAt));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void answer(Socket connection, long acceptedAt) {
        try (connection) {
            String path = requestedPath(connection.getInputStream());
            Trickle trickle = path == null ? null : trickles.get(path);
            OutputStream out = connection.getOutputStream();
            if (trickle == null) {
                out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                return;
            }
            long firstByteAt = acceptedAt + trickle.firstByte().toNanos();
            sleepUntil(firstByteAt);
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: audio/mpeg\r\nContent-Length: " + trickle.announced()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] body = trickle.body();
            for (int piece = 0; piece < trickle.pieces(); piece++) {
                sleepUntil(firstByteAt + trickle.total().toNanos() * piece / trickle.pieces());
                int from = (int) ((long) body.length * piece / trickle.pieces());
                int to = (int) ((long) body.length * (piece + 1) / trickle.pieces());
                out.write(body, from, to - from);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away (it aborted a download): nothing more to send
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The path of the request's line, without its query; null if the request ended before its headers did. */
    private static String requestedPath(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < END_OF_HEADERS.length) {
            int next = in.read();
            if (next < 0) {
                return null;
            }
            head.write(next);
            matched = next == END_OF_HEADERS[matched] ? matched + 1 : (next == END_OF_HEADERS[0] ? 1 : 0);
        }
        String[] requestLine = head.toString(StandardCharsets.US_ASCII).split("\r\n", 2)[0].split(" ");
        if (requestLine.length < 2) {
            return null;
        }
        int query = requestLine[1].indexOf('?');
        return query < 0 ? requestLine[1] : requestLine[1].substring(0, query);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long remaining = nanoTime - System.nanoTime();
        if (remaining > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);
        }
    }

    @Override
    public void close() {
        try {
            listening.close();
        } catch (IOException e) {
            // closing anyway
        }
        answers.shutdownNow();
    }
}

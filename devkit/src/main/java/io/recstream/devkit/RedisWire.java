package io.recstream.devkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A command to a Redis server or Sentinel in the inline protocol, for the devkit's own checks: the raw reply. */
final class RedisWire {

    /** How long a quick command's reply may take: longer means a stalled server. */
    static final Duration QUICK_REPLY = Duration.ofSeconds(2);

    private RedisWire() {
    }

    static String ask(int port, String command) throws IOException {
        return ask(port, command, QUICK_REPLY);
    }

    /** As {@link #ask(int, String)}, for a command that may take the server longer than a quick one. */
    static String ask(int port, String command, Duration replyWithin) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(Math.toIntExact(replyWithin.toMillis()));
            socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16 * 1024];
            int read = in.read(buffer);
            if (read <= 0) {
                throw new IOException("no reply from " + port);
            }
            // A long reply may come in pieces: read what follows shortly after the first.
            StringBuilder reply = new StringBuilder(new String(buffer, 0, read, StandardCharsets.US_ASCII));
            socket.setSoTimeout(100);
            try {
                for (int more; (more = in.read(buffer)) > 0; ) {
                    reply.append(new String(buffer, 0, more, StandardCharsets.US_ASCII));
                }
            } catch (SocketTimeoutException done) {
                // nothing more
            }
            return reply.toString().trim();
        }
    }
}

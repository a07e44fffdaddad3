package io.recstream.bootstrap.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 as bytes on a socket: for requests that a well-behaved client refuses to send (a malformed escape in the
 * query, a body that is not UTF-8), which is exactly what an attacker or a broken peer does send.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** An answer's status and everything after its status line (headers and body), as text. */
    record Answer(int status, String body) {
    }

    /** @return the status of the answer to {@code head} (request line and headers, without the blank line) + body */
    static int status(int port, String head, byte[] body) {
        return exchange(port, head, body, false).status();
    }

    /** Like {@link #status}, reading the whole answer. */
    static Answer send(int port, String head, byte[] body) {
        return exchange(port, head, body, true);
    }

    private static Answer exchange(int port, String head, byte[] body, boolean readWhole) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String headers = head + "\r\nHost: localhost\r\nConnection: close\r\n"
                    + (body.length > 0 ? "Content-Length: " + body.length + "\r\n" : "") + "\r\n";
            out.write(headers.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            int status = Integer.parseInt(firstLine(in).split(" ")[1]);
            return new Answer(status, readWhole ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int get(int port, String target, String... headers) {
        return status(port, "GET " + target + " HTTP/1.1" + (headers.length == 0 ? "" : "\r\n" + String.join("\r\n", headers)),
                new byte[0]);
    }

    private static String firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}

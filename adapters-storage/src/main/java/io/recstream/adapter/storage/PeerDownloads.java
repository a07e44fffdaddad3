package io.recstream.adapter.storage;

import io.recstream.domain.CallSid;
import io.recstream.domain.ReadOnlyChannel;
import io.recstream.domain.RecordingContent;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Downloads in progress shared between instances that have no volume in common (a bucket): the instance that
 * downloads a recording names its spool file with its own address ({@code <url>|<spool name>}), and another instance
 * reads the bytes so far from it, over {@code GET <url>/internal/partials/<callSid>?name=<spool name>} with the shared
 * secret, as they arrive (the holder's answer follows its download).
 */
public final class PeerDownloads {

    /** The request header that carries the peers' shared secret. */
    public static final String SECRET_HEADER = "X-Recstream-Peer-Secret";
    /** Where the holder answers. */
    public static final String PATH = "/internal/partials/";
    private static final char SEPARATOR = '|';

    private final String secret;
    private final Supplier<String> ownUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** @param ownUrl this instance's address as its peers reach it (known once its web server listens) */
    public PeerDownloads(String secret, Supplier<String> ownUrl) {
        this.secret = secret;
        this.ownUrl = ownUrl;
    }

    /** The partial name of a spool file of this instance: its address, then the file's name. */
    String nameOf(String spoolName) {
        return ownUrl.get() + SEPARATOR + spoolName;
    }

    /** The bytes so far of a partial: this instance's own spool file, or a peer's answer. */
    Optional<RecordingContent> find(CallSid callSid, String partial, SpoolFiles spool) {
        int separator = partial.lastIndexOf(SEPARATOR);
        if (separator < 0) {
            return spool.partial(callSid, partial);
        }
        String holder = partial.substring(0, separator);
        String spoolName = partial.substring(separator + 1);
        if (holder.equals(ownUrl.get())) {
            return spool.partial(callSid, spoolName);
        }
        URI source = URI.create(holder + PATH + callSid.value() + "?name="
                + URLEncoder.encode(spoolName, StandardCharsets.UTF_8));
        return Optional.of(() -> new PeerChannel(source));
    }

    /** A peer's answer read from a position; seeking elsewhere asks again from there. */
    private final class PeerChannel extends ReadOnlyChannel {
        private final URI source;
        private InputStream body;
        /** Where the open body is. */
        private long bodyAt;

        PeerChannel(URI source) {
            super(0);
            this.source = source;
        }

        @Override
        protected int readAt(long at, ByteBuffer destination) throws IOException {
            if (body == null || bodyAt != at) {
                reopen(at);
            }
            byte[] chunk = new byte[destination.remaining()];
            int read = body.read(chunk);
            if (read > 0) {
                destination.put(chunk, 0, read);
                bodyAt += read;
            } else {
                release(); // the peer's answer ended: the next read asks again from there
            }
            return read;
        }

        private void reopen(long at) throws IOException {
            release();
            HttpRequest request = HttpRequest.newBuilder(source).header(SECRET_HEADER, secret)
                    .header("Range", "bytes=" + at + "-").GET().build();
            HttpResponse<InputStream> answer;
            try {
                answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while asking " + source, e);
            }
            if (answer.statusCode() == 404) {
                answer.body().close();
                throw new NoSuchFileException(source.toString(), null, "the peer no longer holds it");
            }
            if (answer.statusCode() != 206 && answer.statusCode() != 200) {
                answer.body().close();
                throw new IOException(source + " answered " + answer.statusCode());
            }
            body = answer.body();
            bodyAt = at;
        }

        @Override
        public long size() throws IOException {
            throw new IOException("a peer's partial has no size of its own: its download's length is the status's");
        }

        @Override
        protected void release() throws IOException {
            if (body != null) {
                body.close();
                body = null;
            }
        }
    }
}

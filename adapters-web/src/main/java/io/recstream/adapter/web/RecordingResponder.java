package io.recstream.adapter.web;

import io.recstream.application.port.in.Unavailability;
import io.recstream.domain.AudioFormat;
import io.recstream.domain.CallSid;
import io.recstream.domain.GrowingRecording;
import io.recstream.domain.RecordingContent;
import io.recstream.domain.StoredRecording;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.coyote.CloseNowException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;

/**
 * Serves a stored recording with validators, conditional requests and byte ranges (single and multipart), reading
 * only the bytes it sends. Spring MVC's own resource handling is not used because it ignores {@code If-Range}.
 */
final class RecordingResponder {

    private static final Logger log = LoggerFactory.getLogger(RecordingResponder.class);
    private static final int COPY_BUFFER_BYTES = 64 * 1024;
    /** Below this, copying through the buffer costs less than setting up a sendfile. */
    private static final long SENDFILE_MIN_BYTES = 48 * 1024;
    private static final String SENDFILE_SUPPORT = "org.apache.tomcat.sendfile.support";
    private static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
    private static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    private static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

    private RecordingResponder() {
    }

    /** How a cached recording was answered. */
    enum Outcome { SERVED, PARTIAL, NOT_MODIFIED }

    /** A strong validator, of the recording's version: its size and modification time (to the millisecond). */
    static String entityTag(StoredRecording recording) {
        return '"' + Long.toHexString(recording.sizeBytes()) + '-'
                + Long.toHexString(recording.lastModified().toEpochMilli()) + '"';
    }

    /** @param disposition a {@code Content-Disposition} value, or null */
    static Outcome serve(StoredRecording recording, HttpServletRequest request, HttpServletResponse response,
                         String disposition) throws IOException {
        String etag = entityTag(recording);
        Servable servable = new Servable(recording.callSid(), recording.format(), recording.sizeBytes(),
                recording.content(), etag, recording.lastModified());
        if (Conditionals.notModified(request.getHeader(HttpHeaders.IF_NONE_MATCH),
                request.getHeader(HttpHeaders.IF_MODIFIED_SINCE), etag, recording.lastModified())) {
            headers(response, servable);
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return Outcome.NOT_MODIFIED;
        }
        return send(servable, request, response, disposition);
    }

    /**
     * Serves a recording still being downloaded: the whole, or the ranges asked for, of its announced length, each
     * body following the download. It has no validators yet ({@code Cache-Control: no-store}), so no conditional
     * matches it and an {@code If-Range} gets the whole; a download that stops mid-body aborts the answer.
     */
    static Outcome serveGrowing(GrowingRecording recording, HttpServletRequest request, HttpServletResponse response,
                                String disposition) throws IOException {
        return send(new Servable(recording.callSid(), recording.format(), recording.totalBytes(), recording.content(),
                null, null), request, response, disposition);
    }

    /** What is sent: a stored recording (with its validators) or a growing one (without). */
    private record Servable(CallSid callSid, AudioFormat format, long length, RecordingContent content, String etag,
                            Instant lastModified) {
        boolean stored() {
            return etag != null;
        }
    }

    private static Outcome send(Servable servable, HttpServletRequest request, HttpServletResponse response,
                                String disposition) throws IOException {
        long length = servable.length();
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        boolean rangeStillValid = servable.stored() ? Conditionals.rangeStillValid(ifRange, servable.etag())
                : ifRange == null;
        RangeHeader range = rangeStillValid
                ? RangeHeader.parse(request.getHeader(HttpHeaders.RANGE), length)
                : new RangeHeader.Ignored();
        if (range instanceof RangeHeader.Unsatisfiable) {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.CONTENT_RANGE, "bytes */" + length);
            headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
            throw new ProblemException(ProblemCode.RANGE_NOT_SATISFIABLE,
                    "The range selects no byte of the " + length + "-byte recording, or asks for too many pieces.",
                    headers);
        }
        boolean withBody = !"HEAD".equals(request.getMethod());
        List<ByteRange> sent = range instanceof RangeHeader.Satisfiable satisfiable
                ? satisfiable.ranges() : List.of(new ByteRange(0, length - 1));
        // Opened before any header is set, so that a recording deleted since it was found can still be looked up again.
        SeekableByteChannel content = withBody ? open(servable, sent) : null;
        try (content) {
            headers(response, servable);
            if (disposition != null) {
                response.setHeader(HttpHeaders.CONTENT_DISPOSITION, disposition);
            }
            if (range instanceof RangeHeader.Satisfiable satisfiable && satisfiable.ranges().size() == 1) {
                ByteRange only = satisfiable.ranges().getFirst();
                response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
                response.setHeader(HttpHeaders.CONTENT_RANGE, only.contentRange(length));
                if (withBody && sendfile(request, servable, only)) {
                    response.setContentType(servable.format().mediaType());
                    response.setContentLengthLong(only.length());
                } else {
                    sendBody(request, response, servable, only.length(), withBody,
                            out -> copy(servable, content, only, out));
                }
                return Outcome.PARTIAL;
            } else if (range instanceof RangeHeader.Satisfiable satisfiable) {
                sendMultipart(request, response, servable, content, satisfiable.ranges(), withBody);
                return Outcome.PARTIAL;
            }
            response.setStatus(HttpServletResponse.SC_OK);
            ByteRange whole = new ByteRange(0, length - 1);
            if (withBody && length > 0 && sendfile(request, servable, whole)) {
                response.setContentType(servable.format().mediaType());
                response.setContentLengthLong(length);
            } else {
                sendBody(request, response, servable, length, withBody, out -> copy(servable, content, whole, out));
            }
            return Outcome.SERVED;
        }
    }

    /**
     * Lets Tomcat send a large body with the kernel's sendfile (no copy through the JVM), when the connector supports
     * it and the recording is a file. Tomcat then writes the body after the request returns.
     */
    private static boolean sendfile(HttpServletRequest request, Servable servable, ByteRange range) {
        if (range.length() < SENDFILE_MIN_BYTES || !Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORT))) {
            return false;
        }
        return servable.content().file().map(file -> {
            request.setAttribute(SENDFILE_FILENAME, file.toAbsolutePath().toString());
            request.setAttribute(SENDFILE_START, range.first());
            request.setAttribute(SENDFILE_END, range.last() + 1);
            return true;
        }).orElse(false);
    }

    /**
     * Opens the bytes to send. A recording gone since it was found is said so (the caller asks again); any other
     * failure of the store is {@code 503 storage_unavailable}: the store's, never a 500.
     */
    private static SeekableByteChannel open(Servable servable, List<ByteRange> ranges) {
        long first = Long.MAX_VALUE;
        long last = -1;
        for (ByteRange range : ranges) {
            first = Math.min(first, range.first());
            last = Math.max(last, range.last());
        }
        try {
            return servable.content().open(first, last);
        } catch (NoSuchFileException e) {
            throw new RecordingVanishedException(e);
        } catch (IOException e) {
            throw storageUnavailable(servable, e);
        }
    }

    private static ProblemException storageUnavailable(Servable servable, IOException cause) {
        log.warn("the store cannot read the recording of {}: {}", servable.callSid().value(), cause.toString());
        return PlaybackProblems.unavailable(Unavailability.STORAGE, PlaybackProblems.UNAVAILABLE_RETRY_AFTER);
    }

    /** A stored recording's validators, kept privately by caches; a growing one is stored by none. */
    private static void headers(HttpServletResponse response, Servable servable) {
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        if (servable.stored()) {
            response.setHeader(HttpHeaders.ETAG, servable.etag());
            // The container's own HTTP date, which it formats once per second of time it is asked for.
            response.setDateHeader(HttpHeaders.LAST_MODIFIED, servable.lastModified().toEpochMilli());
            response.setHeader(HttpHeaders.CACHE_CONTROL, "private");
        } else {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }

    private static void sendMultipart(HttpServletRequest request, HttpServletResponse response, Servable servable,
                                      SeekableByteChannel content, List<ByteRange> ranges, boolean withBody)
            throws IOException {
        String boundary = UUID.randomUUID().toString().replace("-", "");
        long length = servable.length();
        byte[][] partHeaders = new byte[ranges.size()][];
        long total = 0;
        for (int i = 0; i < ranges.size(); i++) {
            ByteRange range = ranges.get(i);
            partHeaders[i] = ("\r\n--" + boundary + "\r\nContent-Type: " + servable.format().mediaType()
                    + "\r\nContent-Range: " + range.contentRange(length) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            total += partHeaders[i].length + range.length();
        }
        byte[] closing = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        total += closing.length;
        response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
        response.setContentType("multipart/byteranges; boundary=" + boundary);
        response.setContentLengthLong(total);
        if (!withBody) {
            return;
        }
        writeGuarded(request, response, servable, out -> {
            for (int i = 0; i < ranges.size(); i++) {
                out.write(partHeaders[i]);
                copy(servable, content, ranges.get(i), out);
            }
            out.write(closing);
        });
    }

    private static void sendBody(HttpServletRequest request, HttpServletResponse response, Servable servable,
                                 long bodyLength, boolean withBody, BodyWriter writer) throws IOException {
        response.setContentType(servable.format().mediaType());
        response.setContentLengthLong(bodyLength);
        if (withBody) {
            writeGuarded(request, response, servable, writer);
        }
    }

    /**
     * A client that goes away mid-body (closing the player, seeking) is normal, not an error. The store failing to
     * read is: before anything was sent it is {@code 503 storage_unavailable} (for a growing recording whose
     * download stopped, the play is asked again); once the answer has begun it is aborted, so that the client sees a
     * body shorter than its {@code Content-Length}, never a short one as whole.
     */
    private static void writeGuarded(HttpServletRequest request, HttpServletResponse response, Servable servable,
                                     BodyWriter writer)
            throws CloseNowException {
        try {
            OutputStream out = response.getOutputStream();
            writer.write(out);
            out.flush();
        } catch (UnreadableContentException e) {
            if (response.isCommitted()) {
                log.warn("the recording of {} could not be read mid-answer (its store failed, or its download "
                        + "stopped); the answer is aborted: {}", servable.callSid().value(), e.getCause().toString());
                throw AbortedAnswers.abort(request, "the recording could not be read mid-answer", e.getCause());
            }
            response.reset();
            if (!servable.stored()) {
                // A download that stopped before anything was sent: the play asks again, which requests it anew.
                throw new RecordingVanishedException(e.getCause());
            }
            throw storageUnavailable(servable, e.getCause());
        } catch (IOException e) {
            log.debug("client went away while a recording was sent: {}", e.toString());
        }
    }

    /**
     * A growing recording's bytes are sent as they arrive, not when the container's buffer is full. A file is read at
     * positions (one system call per read, where seeking first is two).
     */
    private static void copy(Servable servable, SeekableByteChannel content, ByteRange range, OutputStream out)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(COPY_BUFFER_BYTES, Math.max(1, range.length())));
        FileChannel file = content instanceof FileChannel channel ? channel : null;
        long position = range.first();
        long remaining = range.length();
        try {
            if (file == null) {
                content.position(position);
            }
        } catch (IOException e) {
            throw new UnreadableContentException(e);
        }
        while (remaining > 0) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
            int read;
            try {
                read = file != null ? file.read(buffer, position) : content.read(buffer);
            } catch (IOException e) {
                throw new UnreadableContentException(e);
            }
            if (read < 0) {
                throw new UnreadableContentException(new IOException("the recording is shorter than its recorded size"));
            }
            out.write(buffer.array(), 0, read);
            if (!servable.stored()) {
                out.flush();
            }
            position += read;
            remaining -= read;
        }
    }

    /** The store failed while the body was read: told apart from the client going away, which writing meets. */
    private static final class UnreadableContentException extends RuntimeException {
        UnreadableContentException(IOException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    @FunctionalInterface
    private interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }
}

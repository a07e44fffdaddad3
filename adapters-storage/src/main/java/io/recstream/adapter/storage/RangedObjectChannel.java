package io.recstream.adapter.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import io.recstream.domain.ReadOnlyChannel;
import java.nio.file.NoSuchFileException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An object's bytes read through ranged GETs: the bytes asked for when opened are fetched by one GET, streamed as
 * they are read (never buffered whole, never copied to disk); reading elsewhere starts another GET from there.
 */
final class RangedObjectChannel extends ReadOnlyChannel {

    private static final int HTTP_NOT_FOUND = 404;
    private static final int HTTP_RANGE_NOT_SATISFIABLE = 416;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final long size;
    private final long hintedLast;
    private ResponseInputStream<GetObjectResponse> stream;
    /** Where the open stream is, and the last byte it will deliver. */
    private long streamPosition;
    private long streamLast;

    private RangedObjectChannel(S3Client s3, String bucket, String key, long size, long first, long last) {
        super(first);
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.size = size;
        this.hintedLast = Math.min(last, size - 1);
    }

    /**
     * Opens the channel and fetches {@code first..last} at once, so that an object deleted since it was found is told
     * now ({@link NoSuchFileException}), before anything is answered.
     */
    static RangedObjectChannel open(S3Client s3, String bucket, String key, long size, long first, long last)
            throws IOException {
        RangedObjectChannel channel = new RangedObjectChannel(s3, bucket, key, size, first, last);
        if (first <= channel.hintedLast) {
            channel.fetchFrom(first);
        }
        return channel;
    }

    @Override
    protected int readAt(long position, ByteBuffer destination) throws IOException {
        if (position >= size) {
            return -1;
        }
        if (stream == null || streamPosition != position || position > streamLast) {
            fetchFrom(position);
        }
        int wanted = (int) Math.min(destination.remaining(), streamLast - streamPosition + 1);
        int read;
        if (destination.hasArray()) {
            read = stream.read(destination.array(), destination.arrayOffset() + destination.position(), wanted);
            if (read > 0) {
                destination.position(destination.position() + read);
            }
        } else {
            byte[] bytes = new byte[wanted];
            read = stream.read(bytes, 0, wanted);
            if (read > 0) {
                destination.put(bytes, 0, read);
            }
        }
        if (read < 0) {
            throw new IOException(key + " ended before its recorded size");
        }
        streamPosition += read;
        return read;
    }

    private void fetchFrom(long first) throws IOException {
        closeStream();
        long last = first <= hintedLast ? hintedLast : size - 1;
        try {
            stream = s3.getObject(request -> request.bucket(bucket).key(key).range("bytes=" + first + '-' + last));
        } catch (S3Exception e) {
            if (e.statusCode() == HTTP_NOT_FOUND || e.statusCode() == HTTP_RANGE_NOT_SATISFIABLE) {
                throw new NoSuchFileException(key, null, "no longer in the bucket");
            }
            throw new IOException("cannot read " + key + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("cannot read " + key + ": " + e.getMessage(), e);
        }
        streamPosition = first;
        streamLast = last;
    }

    /** A stream left before its end is aborted: closing it would read the rest of the range to reuse the connection. */
    private void closeStream() throws IOException {
        if (stream == null) {
            return;
        }
        try (InputStream closing = stream) {
            if (streamPosition <= streamLast) {
                stream.abort();
            }
        } finally {
            stream = null;
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    protected void release() throws IOException {
        closeStream();
    }
}

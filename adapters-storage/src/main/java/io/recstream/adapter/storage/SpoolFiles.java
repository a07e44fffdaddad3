package io.recstream.adapter.storage;

import io.recstream.application.port.out.MediaSink;
import io.recstream.application.port.out.MediaWriter;
import io.recstream.application.port.out.RecordingStoreException;
import io.recstream.domain.CallSid;
import io.recstream.domain.RecordingContent;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The hidden temporary files a recording is written to before it is published, in one local directory: written
 * whole and flushed to disk, readable by the service's user and group only, and swept when a worker died mid-write.
 */
public final class SpoolFiles {

    static final String TEMP_PREFIX = ".";
    static final String TEMP_SUFFIX = ".part";
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;
    /** A temporary file's name: {@code .<callSid>.<uuid>.part}, nothing that could name another path. */
    private static final Pattern PARTIAL_NAME = Pattern.compile(
            "\\.CA[0-9a-fA-F]{32}\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.part");

    /** Recordings are the callers' voices: readable by the service's user and group only, never by others. */
    private static final String FILE_PERMISSIONS = "rw-r-----";
    private static final String DIRECTORY_PERMISSIONS = "rwxr-x---";

    private final Path directory;
    /** The partial name a sink gives for its temporary file's name. */
    private final UnaryOperator<String> partialNaming;

    public SpoolFiles(Path directory) {
        this(directory, UnaryOperator.identity());
    }

    SpoolFiles(Path directory, UnaryOperator<String> partialNaming) {
        this.directory = directory;
        this.partialNaming = partialNaming;
        try {
            createPrivately(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory " + directory, e);
        }
    }

    /**
     * Creates the directory, and any parent missing, readable by the service's user and group only (a directory that
     * lists call SIDs to any local user is a leak); one that exists is left as the operator made it.
     */
    public static Path createPrivately(Path directory) throws IOException {
        return Files.notExists(directory)
                ? Files.createDirectories(directory, posix(directory, DIRECTORY_PERMISSIONS)) : directory;
    }

    public Path directory() {
        return directory;
    }

    /** Makes a spooled recording the published one, create-if-absent. */
    @FunctionalInterface
    interface Publication {
        void publish(Path spooled) throws IOException;
    }

    /**
     * Writes what {@code writer} writes to a new temporary file, flushed to disk, hands it to {@code publication}, and
     * deletes it. If the writer fails nothing is published, and its failure propagates.
     */
    void writeThenPublish(CallSid callSid, MediaWriter writer, Publication publication) {
        Path temp = directory.resolve(TEMP_PREFIX + callSid.value() + '.' + UUID.randomUUID() + TEMP_SUFFIX);
        try {
            try (TempFile file = new TempFile(temp)) {
                writer.writeTo(new StoreSink(file, callSid, partialNaming.apply(temp.getFileName().toString())));
                file.finish();
            }
            publication.publish(temp);
        } catch (IOException e) {
            throw new RecordingStoreException("cannot store the recording of " + callSid, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * The bytes written so far to the temporary file {@code name} of the call's recording, while it is written (by
     * this instance, or another one sharing the directory): reads end where the writer has come. Empty once the file
     * is gone, or for a name that is not such a file's.
     */
    Optional<RecordingContent> partial(CallSid callSid, String name) {
        if (!PARTIAL_NAME.matcher(name).matches() || !name.startsWith(TEMP_PREFIX + callSid.value() + '.')) {
            return Optional.empty();
        }
        Path file = directory.resolve(name);
        try {
            // Opened once here to see it is there; each play opens it again (a writer that finishes still leaves
            // the bytes to whoever has the file open, under its published name).
            FileChannel.open(file, StandardOpenOption.READ).close();
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RecordingStoreException("cannot read " + file, e);
        }
        return Optional.of(() -> FileChannel.open(file, StandardOpenOption.READ));
    }

    /**
     * Deletes temporary files that no writer has touched for {@code olderThan}: left by a worker that died mid-download.
     * A live download keeps writing (or is aborted by its stall timeout), so its file is never this old.
     *
     * @return how many were deleted
     */
    public int removeStale(Duration olderThan) {
        Instant cutoff = Instant.now().minus(olderThan);
        int removed = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path temp : temps) {
                try {
                    if (Files.getLastModifiedTime(temp).toInstant().isBefore(cutoff) && Files.deleteIfExists(temp)) {
                        removed++;
                    }
                } catch (NoSuchFileException e) {
                    // finished or cleaned by another instance meanwhile
                }
            }
        } catch (IOException e) {
            throw new RecordingStoreException("cannot sweep " + directory, e);
        }
        return removed;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The stale temp file is harmless: it is never served, and the sweep removes it.
        }
    }

    /**
     * A temporary file created at the first byte written to it: a download waits for Twilio's first byte (a burst of
     * first plays starts dozens at once) with no file created and no buffer held yet.
     */
    private final class TempFile implements Closeable {
        private final Path path;
        private FileChannel channel;
        private OutputStream out;

        TempFile(Path path) {
            this.path = path;
        }

        OutputStream out() throws IOException {
            if (out == null) {
                channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        posix(directory, FILE_PERMISSIONS));
                out = new BufferedOutputStream(Channels.newOutputStream(channel), WRITE_BUFFER_BYTES);
            }
            return out;
        }

        void flush() throws IOException {
            if (out != null) {
                out.flush();
            }
        }

        /** Written whole and flushed to disk (created now if nothing was written: an empty recording). */
        void finish() throws IOException {
            out().flush();
            channel.force(true);
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
            }
        }
    }

    /** Permissions to create with (the umask may take more away); none on a file system that has no POSIX ones. */
    private static FileAttribute<?>[] posix(Path directory, String permissions) {
        boolean supported = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        return supported ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString(permissions))} : new FileAttribute<?>[0];
    }

    /**
     * The writer's sink: a failure to write here (disk full, a read-only volume) is the store's, said as such, so that
     * whoever feeds the sink (the Twilio adapter) never takes it for a failure of its own source.
     */
    private static final class StoreSink extends MediaSink {
        private final TempFile file;
        private final CallSid callSid;
        private final String partial;

        StoreSink(TempFile file, CallSid callSid, String partial) {
            this.file = file;
            this.callSid = callSid;
            this.partial = partial;
        }

        @Override
        public Optional<String> partial() {
            return Optional.of(partial);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            try {
                file.out().write(bytes, offset, length);
            } catch (IOException e) {
                throw new RecordingStoreException("cannot write the recording of " + callSid + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void flush() {
            try {
                file.flush();
            } catch (IOException e) {
                throw new RecordingStoreException("cannot write the recording of " + callSid + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            // the spool closes the file itself, once the writer is done
        }
    }
}

package io.recstream.adapter.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.recstream.application.port.out.MediaWriter;
import io.recstream.application.port.out.PlayCache;
import io.recstream.application.port.out.RecordingStore;
import io.recstream.application.port.out.RecordingStoreException;
import io.recstream.domain.AudioFormat;
import io.recstream.domain.CallSid;
import io.recstream.domain.InvalidIdentifierException;
import io.recstream.domain.RecordingContent;
import io.recstream.domain.StoredRecording;
import io.recstream.domain.Waveform;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Keeps each recording as {@code <callSid>.mp3} (or {@code .wav}) in one directory, which may be a volume shared by
 * every instance, and its waveform beside it as {@code <callSid>.peaks.json}. A recording is written to a hidden
 * temporary file in the same directory, flushed to disk, and then linked into place atomically if no recording is there
 * yet, so a reader on any instance sees either the whole file or none, and a published recording is never replaced.
 * The directory is its own {@link PlayCache}: its recordings are evicted by the application's budget, least recently
 * played (by the files' access times) first.
 */
public class FileSystemRecordingStore implements RecordingStore, PlayCache, StorageUpkeep {

    /**
     * How often a recording's access time is written while it plays: eviction orders recordings by minutes, and
     * writing the stamp on every range request was a tenth of a cached play's CPU (docs/benchmarks.md).
     */
    static final Duration STAMP_INTERVAL = Duration.ofMinutes(1);
    /** Recordings (and stamps) remembered at most: a forgotten one only costs one more look (or write). */
    private static final int REMEMBERED_RECORDINGS = 10_000;
    /** Recordings kept open while they play at most, and how long one stays open after its last read by default. */
    private static final int OPEN_RECORDINGS = 256;
    static final Duration KEEP_OPEN_FOR = Duration.ofSeconds(10);

    private final Path directory;
    private final SpoolFiles spool;
    private final Clock clock;
    private final Cache<CallSid, Instant> lastStamped = Caffeine.newBuilder().maximumSize(REMEMBERED_RECORDINGS).build();
    /**
     * The recordings found, with their format, size and time: a published recording never changes, so a play needs no
     * {@code stat} (measured: a twentieth of a cached range's CPU). Forgotten when deleted here; when opened and found
     * missing (another instance deleted it from a shared volume); and a minute after it was found, so that one deleted
     * and stored again by another instance shows its new validators within a minute.
     */
    private final Cache<CallSid, StoredRecording> found;
    private final OpenFiles openFiles;

    public FileSystemRecordingStore(Path directory) {
        this(directory, KEEP_OPEN_FOR);
    }

    /** @param keepOpenFor how long a recording stays open after its last read, for the next range; zero for not */
    public FileSystemRecordingStore(Path directory, Duration keepOpenFor) {
        this(directory, Clock.systemUTC(), keepOpenFor);
    }

    FileSystemRecordingStore(Path directory, Clock clock) {
        this(directory, clock, KEEP_OPEN_FOR);
    }

    private FileSystemRecordingStore(Path directory, Clock clock, Duration keepOpenFor) {
        this.directory = directory;
        this.clock = clock;
        this.openFiles = new OpenFiles(OPEN_RECORDINGS, keepOpenFor);
        // Temporary files sit beside the recordings: a hard link can't cross file systems.
        this.spool = new SpoolFiles(directory);
        this.found = Caffeine.newBuilder().maximumSize(REMEMBERED_RECORDINGS).expireAfterWrite(STAMP_INTERVAL)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
    }

    public Path directory() {
        return directory;
    }

    @Override
    public Optional<StoredRecording> find(CallSid callSid) {
        StoredRecording known = found.getIfPresent(callSid);
        return known != null ? Optional.of(known) : look(callSid);
    }

    /**
     * A recording not there is the common answer (every first play asks twice): it is told by a null, not by an
     * exception per format, whose stack trace through the container was most of the look's cost.
     */
    private Optional<StoredRecording> look(CallSid callSid) {
        for (AudioFormat format : AudioFormat.values()) {
            Path file = fileOf(callSid, format);
            try {
                BasicFileAttributes attributes = file.getFileSystem().provider()
                        .readAttributesIfExists(file, BasicFileAttributes.class);
                if (attributes != null) {
                    StoredRecording recording = new StoredRecording(callSid, format, attributes.size(),
                            attributes.lastModifiedTime().toInstant(),
                            new FileContent(file, openFiles, () -> found.invalidate(callSid)));
                    found.put(callSid, recording);
                    return Optional.of(recording);
                }
            } catch (IOException e) {
                throw new RecordingStoreException("cannot read " + file, e);
            }
        }
        return Optional.empty();
    }

    @Override
    public StoredRecording save(CallSid callSid, AudioFormat format, MediaWriter writer) {
        spool.writeThenPublish(callSid, writer, spooled -> publishIfAbsent(spooled, fileOf(callSid, format)));
        return found(callSid);
    }

    /**
     * Keeps a copy of a recording held elsewhere (a bucket), stamped with its modification time before it is
     * published, so that the copy's validators are the original's from the first moment it is visible.
     */
    public StoredRecording saveCopy(StoredRecording original, MediaWriter writer) {
        CallSid callSid = original.callSid();
        FileTime modified = FileTime.from(original.lastModified());
        spool.writeThenPublish(callSid, writer, spooled -> {
            Files.setLastModifiedTime(spooled, modified);
            publishIfAbsent(spooled, fileOf(callSid, original.format()));
        });
        return found(callSid);
    }

    /**
     * Keeps {@code file}, which holds {@code original}'s bytes, as its copy: linked, not written again, and stamped
     * with the original's modification time first (the link shares it).
     */
    void linkCopy(StoredRecording original, Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(original.lastModified()));
        publishIfAbsent(file, fileOf(original.callSid(), original.format()));
    }

    @Override
    public Optional<RecordingContent> findPartial(CallSid callSid, String partial) {
        return spool.partial(callSid, partial);
    }

    @Override
    public void saveWaveform(CallSid callSid, Waveform waveform) {
        byte[] stored = StoredWaveforms.encode(waveform);
        spool.writeThenPublish(callSid, sink -> sink.write(stored),
                spooled -> publishIfAbsent(spooled, waveformFile(callSid)));
    }

    @Override
    public Optional<Waveform> findWaveform(CallSid callSid) {
        Path file = waveformFile(callSid);
        try {
            return Optional.of(StoredWaveforms.decode(callSid, Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RecordingStoreException("cannot read " + file, e);
        }
    }

    /** What was just published (ours, or the one already there): looked at afresh, never remembered from before. */
    private StoredRecording found(CallSid callSid) {
        found.invalidate(callSid);
        return find(callSid).orElseThrow(() -> new RecordingStoreException(
                "the recording of " + callSid + " vanished right after it was stored", null));
    }

    /**
     * A hard link is atomic and, unlike a rename, never replaces: of two writers of one recording (say one that lost
     * its lock and the one that took over) the first to finish publishes, and the other keeps what it finds.
     */
    private static void publishIfAbsent(Path written, Path target) throws IOException {
        try {
            Files.createLink(target, written);
        } catch (FileAlreadyExistsException alreadyPublished) {
            // the recording is there, whole: ours is the same recording and is dropped
        }
    }

    /**
     * Stamps the file's access time (never its modification time, which its ETag is made of). Explicitly, because
     * volumes are often mounted noatime.
     */
    @Override
    public void markPlayed(CallSid callSid) {
        Instant now = clock.instant();
        Instant last = lastStamped.getIfPresent(callSid);
        if (last != null && now.isBefore(last.plus(STAMP_INTERVAL))) {
            return;
        }
        for (AudioFormat format : AudioFormat.values()) {
            try {
                Files.getFileAttributeView(fileOf(callSid, format), BasicFileAttributeView.class)
                        .setTimes(null, FileTime.from(now), null);
                lastStamped.put(callSid, now);
                return;
            } catch (NoSuchFileException e) {
                // not in this format
            } catch (IOException e) {
                return; // only a hint for eviction: never fail a play over it
            }
        }
    }

    @Override
    public List<CallSid> storedRecordings() {
        return recordingFiles().stream().map(StoredFile::callSid).toList();
    }

    /** Temporary files being written are not held: they are neither counted nor touched. */
    @Override
    public List<Held> held() {
        return recordingFiles().stream().map(file -> new Held(file.callSid(), file.size(), file.lastPlayed())).toList();
    }

    @Override
    public long freeBytes() {
        return usableSpace();
    }

    /** On a shared volume, a reader on any instance keeps its open file whole: the data stays until it is closed. */
    @Override
    public void evict(CallSid callSid) {
        delete(callSid);
    }

    private long usableSpace() {
        try {
            return Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            throw new RecordingStoreException("cannot tell the free space of " + directory, e);
        }
    }

    private record StoredFile(CallSid callSid, long size, Instant lastPlayed) {
    }

    private List<StoredFile> recordingFiles() {
        List<StoredFile> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "CA*.{mp3,wav}")) {
            for (Path path : entries) {
                String name = path.getFileName().toString();
                try {
                    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                    files.add(new StoredFile(new CallSid(name.substring(0, name.lastIndexOf('.'))),
                            attributes.size(), attributes.lastAccessTime().toInstant()));
                } catch (NoSuchFileException | InvalidIdentifierException e) {
                    // deleted meanwhile, or not a recording of ours
                }
            }
        } catch (IOException e) {
            throw new RecordingStoreException("cannot list " + directory, e);
        }
        return files;
    }

    @Override
    public int removeStaleTempFiles(Duration olderThan) {
        return spool.removeStale(olderThan);
    }

    @Override
    public String describe() {
        return directory.toString();
    }

    @Override
    public boolean delete(CallSid callSid) {
        found.invalidate(callSid);
        boolean deleted = false;
        for (AudioFormat format : AudioFormat.values()) {
            openFiles.forget(fileOf(callSid, format));
            deleted |= deleteFile(fileOf(callSid, format));
        }
        deleteFile(waveformFile(callSid));
        deleteFile(directory.resolve(callSid.value() + StoredWaveforms.EARLIER_SUFFIX));
        return deleted;
    }

    private static boolean deleteFile(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new RecordingStoreException("cannot delete " + file, e);
        }
    }

    private Path fileOf(CallSid callSid, AudioFormat format) {
        // The call SID's shape is validated (CA + hex), so it cannot escape the directory.
        return directory.resolve(callSid.value() + '.' + format.extension());
    }

    private Path waveformFile(CallSid callSid) {
        return directory.resolve(callSid.value() + StoredWaveforms.SUFFIX);
    }

    /**
     * A recording's file: read through a channel, or handed to the kernel by its path. Found missing when opened, it is
     * forgotten ({@code forget}), so that the next look sees it gone.
     */
    private record FileContent(Path path, OpenFiles openFiles, Runnable forget) implements RecordingContent {
        @Override
        public SeekableByteChannel open() throws IOException {
            try {
                return openFiles.open(path);
            } catch (NoSuchFileException e) {
                forget.run();
                throw e;
            }
        }

        @Override
        public Optional<Path> file() {
            return Optional.of(path);
        }
    }
}

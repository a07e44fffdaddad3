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
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Keeps each recording as the object {@code <prefix><callSid>.mp3} (or {@code .wav}) of a bucket shared by every
 * instance, and its waveform beside it as {@code <prefix><callSid>.peaks.json}. A recording is spooled to a local
 * temporary file, then put whole with {@code If-None-Match: *}: an object appears complete or not at all, and a
 * published recording is never replaced. Plays are served by ranged GETs streamed to the client, or from this
 * instance's {@link LocalCopies}. A bucket is sized by retention: recordings leave it only when they expire (the
 * retention sweep, and the bucket's lifecycle rule as a backstop, docs/capacity.md); only the local copies are evicted.
 */
public class S3RecordingStore implements RecordingStore, StorageUpkeep, AutoCloseable {

    private static final int HTTP_NOT_FOUND = 404;
    private static final int HTTP_CONFLICT = 409;
    private static final int HTTP_PRECONDITION_FAILED = 412;
    /** Two conditional writes racing on AWS: one may be told to retry; the next try settles which one won. */
    private static final int CONFLICT_ATTEMPTS = 5;

    /** How long a recording found here is answered without asking the bucket again. */
    static final Duration FOUND_FOR = Duration.ofMinutes(1);
    private static final int FOUND_AT_MOST = 10_000;

    private static final Logger log = LoggerFactory.getLogger(S3RecordingStore.class);

    private final S3Client s3;
    private final boolean closesClient;
    private final Cache<CallSid, StoredRecording> recentlyFound = Caffeine.newBuilder().maximumSize(FOUND_AT_MOST)
            .expireAfterWrite(FOUND_FOR).build();
    private final String bucket;
    private final String prefix;
    private final SpoolFiles spool;
    private final PeerDownloads peers;
    private final LocalCopies localCopies;

    /** @param spoolDirectory where recordings are spooled before they are put, and local copies kept */
    public S3RecordingStore(S3Client s3, S3Settings settings, Path spoolDirectory) {
        this(s3, settings, spoolDirectory, null, false);
    }

    /**
     * @param peers how instances share the downloads they hold with each other; null: a download in progress is
     *              readable on its own instance only
     */
    public S3RecordingStore(S3Client s3, S3Settings settings, Path spoolDirectory, PeerDownloads peers) {
        this(s3, settings, spoolDirectory, peers, false);
    }

    private S3RecordingStore(S3Client s3, S3Settings settings, Path spoolDirectory, PeerDownloads peers,
                             boolean closesClient) {
        this.s3 = s3;
        this.closesClient = closesClient;
        this.bucket = settings.bucket();
        this.prefix = settings.prefix();
        this.peers = peers;
        this.spool = peers == null ? new SpoolFiles(spoolDirectory) : new SpoolFiles(spoolDirectory, peers::nameOf);
        this.localCopies = settings.localCopyThreads() > 0
                ? new LocalCopies(new FileSystemRecordingStore(spoolDirectory.resolve("copies")), this::fetchWhole,
                settings.localCopyThreads())
                : LocalCopies.NONE;
    }

    /** A store with a client of its own, made of {@code settings} and closed with the store. */
    public static S3RecordingStore connect(S3Settings settings, Path spoolDirectory, PeerDownloads peers) {
        return new S3RecordingStore(S3Clients.create(settings), settings, spoolDirectory, peers, true);
    }

    /**
     * Answered from memory when this instance found the recording lately (a published object never changes), so that
     * a play costs one ranged GET, not a HEAD before it; a recording deleted meanwhile by another instance is noticed
     * when its GET finds nothing, and forgotten. With local copies, a copy whose validator is the object's is
     * answered instead (a file: no GET at all); a copy that isn't is dropped, and one of a recording the bucket no
     * longer holds is never answered (nor played: the budget evicts it in time). Finding makes no copy.
     */
    @Override
    public Optional<StoredRecording> find(CallSid callSid) {
        return Optional.ofNullable(recentlyFound.getIfPresent(callSid)).or(() -> head(callSid))
                .map(localCopies::copyOf);
    }

    private Optional<StoredRecording> head(CallSid callSid) {
        for (AudioFormat format : AudioFormat.values()) {
            Optional<StoredRecording> found = head(callSid, format);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<StoredRecording> head(CallSid callSid, AudioFormat format) {
        String key = key(callSid, format);
        return head(key).map(head -> {
            StoredRecording found = new StoredRecording(callSid, format, head.contentLength(), head.lastModified(),
                    new ObjectContent(callSid, key, head.contentLength()));
            recentlyFound.put(callSid, found);
            return found;
        });
    }

    /** The whole object, streamed into {@code sink}: what a local copy is made of. */
    private void fetchWhole(StoredRecording recording, OutputStream sink) throws IOException {
        try (SeekableByteChannel channel = recording.content().open();
             InputStream in = Channels.newInputStream(channel)) {
            in.transferTo(sink);
        }
    }

    private Optional<HeadObjectResponse> head(String key) {
        return call("read " + key, () -> {
            try {
                return Optional.of(s3.headObject(request -> request.bucket(bucket).key(key)));
            } catch (S3Exception e) {
                if (e.statusCode() == HTTP_NOT_FOUND) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /**
     * One PUT, and one HEAD for the validators every instance sees (the object's modification time); the file sent
     * stays as this instance's local copy (a link), so that the play that asked for the download and the waveform
     * drawn after it read a file, not the bucket.
     */
    @Override
    public StoredRecording save(CallSid callSid, AudioFormat format, MediaWriter writer) {
        List<StoredRecording> published = new ArrayList<>(1);
        spool.writeThenPublish(callSid, writer, spooled -> {
            publishIfAbsent(key(callSid, format), RequestBody.fromFile(spooled), format.mediaType());
            StoredRecording stored = head(callSid, format).orElseThrow(() -> new RecordingStoreException(
                    "the recording of " + callSid + " vanished right after it was stored", null));
            if (stored.sizeBytes() == Files.size(spooled)) {
                localCopies.adopt(stored, spooled); // else another writer's object won: its bytes are copied at a play
            }
            published.add(stored);
        });
        return localCopies.copyOf(published.getFirst());
    }

    /** Of two writers of one recording the first to finish publishes, and the other keeps what it finds. */
    private void publishIfAbsent(String key, RequestBody body, String contentType) {
        call("write " + key, () -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    s3.putObject(request -> request.bucket(bucket).key(key).ifNoneMatch("*")
                            .contentType(contentType), body);
                    return null;
                } catch (S3Exception e) {
                    if (e.statusCode() == HTTP_PRECONDITION_FAILED) {
                        return null; // the recording is there, whole: ours is the same recording and is dropped
                    }
                    if (e.statusCode() != HTTP_CONFLICT || attempt == CONFLICT_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        });
    }

    /**
     * Spooled on the downloading instance's own disk: read there, and on other instances from it when peers share
     * their downloads.
     */
    @Override
    public Optional<RecordingContent> findPartial(CallSid callSid, String partial) {
        return peers == null ? spool.partial(callSid, partial) : peers.find(callSid, partial, spool);
    }

    @Override
    public void saveWaveform(CallSid callSid, Waveform waveform) {
        publishIfAbsent(waveformKey(callSid), RequestBody.fromBytes(StoredWaveforms.encode(waveform)),
                "application/octet-stream");
    }

    @Override
    public Optional<Waveform> findWaveform(CallSid callSid) {
        String key = waveformKey(callSid);
        return call("read " + key, () -> {
            try {
                return Optional.of(StoredWaveforms.decode(callSid,
                        s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray()));
            } catch (S3Exception e) {
                if (e.statusCode() == HTTP_NOT_FOUND) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public boolean delete(CallSid callSid) {
        recentlyFound.invalidate(callSid);
        localCopies.delete(callSid);
        boolean deleted = false;
        for (AudioFormat format : AudioFormat.values()) {
            String key = key(callSid, format);
            if (head(key).isPresent()) {
                deleteObject(key);
                deleted = true;
            }
        }
        deleteObject(waveformKey(callSid));
        deleteObject(prefix + callSid.value() + StoredWaveforms.EARLIER_SUFFIX);
        return deleted;
    }

    /** Deleting an object that isn't there succeeds: S3 answers 204 all the same. */
    private void deleteObject(String key) {
        call("delete " + key, () -> s3.deleteObject(request -> request.bucket(bucket).key(key)));
    }

    /** A range was served: the recording's local copy is stamped, or made if it has none (in the background). */
    @Override
    public void markPlayed(CallSid callSid) {
        localCopies.played(callSid, recentlyFound.getIfPresent(callSid));
    }

    /** This instance's local copies: the only part of an object store that is evicted. */
    public PlayCache playCache() {
        return localCopies.cache();
    }

    /** Every recording the bucket holds: what the retention sweep goes through. */
    @Override
    public List<CallSid> storedRecordings() {
        return storedObjects().stream().map(StoredObject::callSid).toList();
    }

    private record StoredObject(String key, CallSid callSid) {
    }

    /** The recordings directly under the prefix (nothing one level down). */
    private List<StoredObject> storedObjects() {
        return call("list " + prefix, () -> {
            List<StoredObject> objects = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix)
                    .delimiter("/")).contents()) {
                parse(object).ifPresent(objects::add);
            }
            return objects;
        });
    }

    private Optional<StoredObject> parse(S3Object object) {
        String name = object.key().substring(prefix.length());
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String extension = name.substring(dot + 1);
        boolean recording = List.of(AudioFormat.values()).stream().anyMatch(f -> f.extension().equals(extension));
        try {
            return recording ? Optional.of(new StoredObject(object.key(), new CallSid(name.substring(0, dot))))
                    : Optional.empty();
        } catch (InvalidIdentifierException e) {
            return Optional.empty(); // not a recording of ours
        }
    }

    @Override
    public int removeStaleTempFiles(Duration olderThan) {
        return spool.removeStale(olderThan) + localCopies.removeStaleTempFiles(olderThan);
    }

    @Override
    public String describe() {
        return "s3://" + bucket + '/' + prefix + " (spooled in " + spool.directory() + ')';
    }

    @Override
    public void close() {
        localCopies.close();
        if (closesClient) {
            s3.close();
        }
    }

    /** Asks the bucket whether it is there and answers these credentials; throws if not. */
    public void checkReachable() {
        call("reach the bucket " + bucket, () -> s3.headBucket(request -> request.bucket(bucket)));
    }

    /**
     * Why the bucket refuses this store, if it does: it is missing, or these credentials may not use it (a setting to
     * fix). Empty when it answers, or doesn't answer yet: it may come up later, and the health says so meanwhile.
     */
    public Optional<String> refusal() {
        try {
            checkReachable();
            return Optional.empty();
        } catch (RecordingStoreException e) {
            if (e.getCause() instanceof S3Exception refused && refused.statusCode() >= 400
                    && refused.statusCode() < 500) {
                return Optional.of("the bucket " + bucket + " answers " + refused.statusCode());
            }
            log.warn("the object store does not answer yet ({}); the instance is not ready until it does",
                    e.getMessage());
            return Optional.empty();
        }
    }

    private String key(CallSid callSid, AudioFormat format) {
        // The call SID's shape is validated (CA + hex), so it cannot escape the prefix.
        return prefix + callSid.value() + '.' + format.extension();
    }

    private String waveformKey(CallSid callSid) {
        return prefix + callSid.value() + StoredWaveforms.SUFFIX;
    }

    /** The object store failing (down, refusing, timing out) is the store's failure, said in the port's terms. */
    private static <T> T call(String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (SdkException e) {
            throw new RecordingStoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    /** A recording's object: each read is a ranged GET of the bytes asked for. */
    private final class ObjectContent implements RecordingContent {
        private final CallSid callSid;
        private final String key;
        private final long size;

        ObjectContent(CallSid callSid, String key, long size) {
            this.callSid = callSid;
            this.key = key;
            this.size = size;
        }

        @Override
        public SeekableByteChannel open() throws IOException {
            return open(0, size - 1);
        }

        @Override
        public SeekableByteChannel open(long first, long last) throws IOException {
            try {
                return RangedObjectChannel.open(s3, bucket, key, size, first, last);
            } catch (NoSuchFileException deletedElsewhere) {
                recentlyFound.invalidate(callSid);
                throw deletedElsewhere;
            }
        }
    }
}

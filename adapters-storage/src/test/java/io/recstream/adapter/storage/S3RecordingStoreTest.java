package io.recstream.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.application.port.out.RecordingStore;
import io.recstream.application.port.out.RecordingStoreContract;
import io.recstream.application.port.out.RecordingStoreException;
import io.recstream.application.testing.TestIds;
import io.recstream.devkit.LocalS3;
import io.recstream.domain.AudioFormat;
import io.recstream.domain.CallSid;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 store against a real S3-compatible server (S3Proxy, filesystem backend), one bucket per test. */
class S3RecordingStoreTest extends RecordingStoreContract {

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @TempDir
    static Path serverDirectory;
    private static LocalS3 server;

    @TempDir
    Path spool;

    private final String bucket = "recordings-" + BUCKETS.incrementAndGet();
    protected S3Client client;
    protected S3RecordingStore store;

    @BeforeAll
    static void startServer() {
        server = LocalS3.start(serverDirectory);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** None here: every play from the bucket. */
    protected int localCopyThreads() {
        return 0;
    }

    protected S3Settings settings(String endpoint) {
        return new S3Settings(bucket, "recordings/", URI.create(endpoint), "us-east-1", true, LocalS3.ACCESS_KEY,
                LocalS3.SECRET_KEY, 16, Duration.ofSeconds(2), Duration.ofSeconds(10), localCopyThreads());
    }

    @Override
    protected RecordingStore store() {
        if (store == null) {
            server.withBucket(bucket);
            client = S3Clients.create(settings(server.endpoint()));
            store = new S3RecordingStore(client, settings(server.endpoint()), spool);
        }
        return store;
    }

    /** A second instance: its own client and spool, the same bucket. */
    protected S3RecordingStore anotherInstance(Path itsSpool) {
        store();
        return new S3RecordingStore(S3Clients.create(settings(server.endpoint())), settings(server.endpoint()), itsSpool);
    }

    /** Waits for the copy that playing a recording starts in the background, where the store makes copies. */
    protected void awaitLocalCopy(S3RecordingStore instance, CallSid sid) {
        // no local copies in this configuration
    }

    /** An instance whose every request to the bucket is counted, by the client's method called. */
    protected S3RecordingStore counted(Path itsSpool, Map<String, Integer> requests) {
        store();
        S3Client real = client;
        S3Client counting = (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(),
                new Class<?>[] {S3Client.class}, (proxy, method, arguments) -> {
                    requests.merge(method.getName(), 1, Integer::sum);
                    try {
                        return method.invoke(real, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new S3RecordingStore(counting, settings(server.endpoint()), itsSpool);
    }

    protected List<String> keys(String prefix) {
        return client.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix)).contents().stream()
                .map(object -> object.key()).toList();
    }

    @Test
    void recording_isTheObjectPrefixCallSidDotMp3_withItsMediaType() {
        CallSid sid = TestIds.aCallSid();
        store().save(sid, AudioFormat.MP3, sink -> sink.write(new byte[] {1, 2}));

        var head = client.headObject(request -> request.bucket(bucket).key("recordings/" + sid.value() + ".mp3"));
        assertThat(head.contentLength()).isEqualTo(2);
        assertThat(head.contentType()).isEqualTo("audio/mpeg");
    }

    @Test
    void whileWriting_nothingIsInTheBucket_andNothingIsLeftInTheSpoolAfter() throws IOException {
        CallSid sid = TestIds.aCallSid();
        store().save(sid, AudioFormat.MP3, sink -> {
            sink.write(randomBytes(100_000));
            sink.flush();
            assertThat(keys("recordings/")).isEmpty();
        });
        assertThat(keys("recordings/")).containsExactly("recordings/" + sid.value() + ".mp3");
        try (Stream<Path> left = Files.list(spool)) {
            assertThat(left.filter(Files::isRegularFile)).as("no spooled file left").isEmpty();
        }
    }

    @Test
    void readsInTheOpenedRange_andAtAnotherPosition_giveTheRightBytes() throws IOException {
        CallSid sid = TestIds.aCallSid();
        byte[] bytes = randomBytes(300_000);
        store().save(sid, AudioFormat.MP3, sink -> sink.write(bytes));

        try (SeekableByteChannel channel = store().find(sid).orElseThrow().content().open(1000, 1009)) {
            channel.position(1000);
            ByteBuffer range = ByteBuffer.allocate(10);
            channel.read(range);
            assertThat(range.array()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 1000, 1010));

            channel.position(250_000);
            ByteBuffer elsewhere = ByteBuffer.allocate(5);
            channel.read(elsewhere);
            assertThat(elsewhere.array()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 250_000, 250_005));
        }
    }

    @Test
    void aRecordingDeletedSinceItWasFound_isToldWhenOpened() {
        CallSid sid = TestIds.aCallSid();
        store().save(sid, AudioFormat.MP3, sink -> sink.write(randomBytes(1000)));
        var found = store().find(sid).orElseThrow();
        store().delete(sid);

        assertThatThrownBy(() -> found.content().open(0, 99)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aRecordingFoundLately_isAnsweredFromMemory_untilItsGetFindsItDeletedByAnotherInstance() {
        CallSid sid = TestIds.aCallSid();
        store().save(sid, AudioFormat.MP3, sink -> sink.write(randomBytes(1000)));
        S3RecordingStore other = anotherInstance(spool.resolve("other"));
        var found = other.find(sid).orElseThrow();

        store().delete(sid);

        assertThat(other.find(sid)).as("no HEAD: still known").isPresent();
        assertThatThrownBy(() -> found.content().open(0, 99)).isInstanceOf(NoSuchFileException.class);
        assertThat(other.find(sid)).as("forgotten once its GET found nothing").isEmpty();
    }

    @Test
    void aDownload_costsOnePut_andOneHeadForItsValidators_andNoGet() {
        Map<String, Integer> requests = new ConcurrentHashMap<>();
        S3RecordingStore downloading = counted(spool.resolve("counted"), requests);

        downloading.save(TestIds.aCallSid(), AudioFormat.MP3, sink -> sink.write(randomBytes(200_000)));

        assertThat(requests).isEqualTo(Map.of("putObject", 1, "headObject", 1));
    }

    @Test
    void theBucketIsNeverEvicted_onlyLocalCopiesAre() {
        CallSid sid = TestIds.aCallSid();
        store().save(sid, AudioFormat.MP3, sink -> sink.write(randomBytes(1000)));
        store().markPlayed(sid);
        awaitLocalCopy(store, sid);

        store.playCache().held().forEach(held -> store.playCache().evict(held.callSid()));

        assertThat(store().storedRecordings()).contains(sid);
        assertThat(store().find(sid).orElseThrow().content().file()).as("served from the bucket again").isEmpty();
    }

    @Test
    void staleSpoolFilesOfDeadWorkers_areSwept() throws IOException {
        store();
        Path dead = Files.write(spool.resolve("." + TestIds.aCallSid().value() + ".dead.part"), new byte[] {9});
        Files.setLastModifiedTime(dead, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));

        assertThat(store.removeStaleTempFiles(Duration.ofMinutes(10))).isEqualTo(1);
        assertThat(dead).doesNotExist();
    }

    @Test
    void anObjectStoreThatDoesNotAnswer_isTheStoresFailure_andItsHealthIsDown() {
        String nobody = "http://127.0.0.1:1"; // nothing listens on port 1
        S3RecordingStore unreachable = new S3RecordingStore(S3Clients.create(settings(nobody)), settings(nobody), spool);

        assertThatThrownBy(() -> unreachable.find(TestIds.aCallSid())).isInstanceOf(RecordingStoreException.class);
        assertThatThrownBy(() -> unreachable.save(TestIds.aCallSid(), AudioFormat.MP3, sink -> sink.write(1)))
                .isInstanceOf(RecordingStoreException.class);
        assertThat(StorageHealthIndicator.forBucket(bucket, ignored -> unreachable.checkReachable(), spool,
                Clock.systemUTC()).health(true).getStatus()).isEqualTo(Status.DOWN);
        store();
        assertThat(StorageHealthIndicator.forBucket(bucket, ignored -> store.checkReachable(), spool,
                Clock.systemUTC()).health(true).getStatus()).isEqualTo(Status.UP);
    }
}

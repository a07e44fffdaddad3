package io.recstream.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.recstream.application.testing.TestIds;
import io.recstream.domain.AudioFormat;
import io.recstream.domain.CallSid;
import io.recstream.domain.StoredRecording;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCopiesTest {

    @TempDir
    Path directory;

    private static StoredRecording anObject(CallSid sid) {
        return new StoredRecording(sid, AudioFormat.MP3, 3, Instant.now(), () -> {
            throw new UnsupportedOperationException("read through the source");
        });
    }

    @Test
    void copiesAreMadeByTheirOwnFewThreads_andThoseAskedPastTheQueue_atALaterPlay() throws Exception {
        CountDownLatch bucketAnswers = new CountDownLatch(1);
        AtomicInteger copyingNow = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        FileSystemRecordingStore disk = new FileSystemRecordingStore(directory);
        try (LocalCopies copies = new LocalCopies(disk, (recording, sink) -> {
            mostAtOnce.accumulateAndGet(copyingNow.incrementAndGet(), Math::max);
            try {
                bucketAnswers.await();
                sink.write(new byte[] {1, 2, 3});
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                copyingNow.decrementAndGet();
            }
        }, 2)) {
            List<StoredRecording> played = new ArrayList<>();
            for (int i = 0; i < 2 + 64 + 10; i++) {
                StoredRecording object = anObject(TestIds.aCallSid());
                played.add(object);
                copies.played(object.callSid(), object);
                copies.played(object.callSid(), object); // a second range meanwhile asks for no second copy
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> copyingNow.get() == 2);

            bucketAnswers.countDown();

            await().atMost(Duration.ofSeconds(10)).until(() -> disk.held().size() == 2 + 64);
            assertThat(mostAtOnce.get()).isEqualTo(2);
            StoredRecording askedPastTheQueue = played.getLast();
            assertThat(disk.find(askedPastTheQueue.callSid())).isEmpty();
            copies.played(askedPastTheQueue.callSid(), askedPastTheQueue);
            await().atMost(Duration.ofSeconds(5)).until(() -> disk.find(askedPastTheQueue.callSid()).isPresent());
        }
    }
}

package io.recstream.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.application.testing.TestIds;
import io.recstream.domain.BusinessId;
import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadReason;
import io.recstream.domain.DownloadRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link DownloadQueue} must do; each implementation's test extends this. */
public abstract class DownloadQueueContract {

    protected abstract DownloadQueue queue();

    /** A queue whose medium can't be reached. */
    protected abstract DownloadQueue unreachableQueue();

    /** What the workers will be handed, in order, once at least {@code count} commands are there. */
    protected abstract List<DownloadRequest> handedToWorkers(int count);

    @Test
    void queuedCommands_reachTheWorkers_whole_andInOrderForACall() {
        CallSid call = TestIds.aCallSid();
        BusinessId business = TestIds.aBusiness();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DownloadRequest first = new DownloadRequest(call, business, TestIds.aRecordingSid(), now, DownloadReason.PLAYBACK);
        DownloadRequest second = new DownloadRequest(call, business, null, now.plusSeconds(1), DownloadReason.PREFETCH);

        queue().enqueue(first);
        queue().enqueue(second);

        assertThat(handedToWorkers(2)).containsExactly(first, second);
    }

    @Test
    void anUnreachableQueue_saysSoWithinBoundedTime() {
        DownloadRequest request = new DownloadRequest(TestIds.aCallSid(), TestIds.aBusiness(), null, Instant.now(),
                DownloadReason.PLAYBACK);
        Instant start = Instant.now();

        assertThatThrownBy(() -> unreachableQueue().enqueue(request)).isInstanceOf(DownloadQueueUnavailableException.class);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }
}

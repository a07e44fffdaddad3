package io.recstream.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.recstream.application.testing.TestIds;
import io.recstream.domain.BusinessId;
import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadOutcome;
import io.recstream.domain.FailureCause;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link DownloadEvents} promises: listeners see each outcome, in order per call; a download never fails over it. */
public abstract class DownloadEventsContract {

    protected abstract DownloadEvents events();

    /** Events to listeners that can't be reached now (a broker down). */
    protected abstract DownloadEvents unreachableEvents();

    /** The first {@code count} outcomes of the call, as its listeners saw them. */
    protected abstract List<Seen> seenBy(CallSid callSid, int count);

    /** An outcome as a listener sees it: the failure's detail is for recstream's log, not for listeners. */
    public record Seen(String type, CallSid callSid, BusinessId business, Long sizeBytes, FailureCause cause,
                       Instant occurredAt) {

        public static Seen of(DownloadOutcome outcome) {
            return switch (outcome) {
                case DownloadOutcome.Ready ready -> new Seen("READY", ready.callSid(), ready.business(),
                        ready.sizeBytes(), null, ready.occurredAt());
                case DownloadOutcome.Failed failed -> new Seen("FAILED", failed.callSid(), failed.business(), null,
                        failed.cause(), failed.occurredAt());
            };
        }
    }

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final BusinessId business = new BusinessId("acme");

    @Test
    void aReadyAndAFailure_areSeenAsTheyWere() {
        DownloadOutcome ready = new DownloadOutcome.Ready(TestIds.aCallSid(), business, 1234, now);
        DownloadOutcome failed = new DownloadOutcome.Failed(TestIds.aCallSid(), business,
                FailureCause.RECORDING_NOT_FOUND, "Twilio says 404", now);

        events().publish(ready);
        events().publish(failed);

        assertThat(seenBy(ready.callSid(), 1)).containsExactly(Seen.of(ready));
        assertThat(seenBy(failed.callSid(), 1)).containsExactly(Seen.of(failed));
    }

    @Test
    void aCallsOutcomes_areSeenInTheirOrder() {
        CallSid call = TestIds.aCallSid();
        DownloadOutcome first = new DownloadOutcome.Failed(call, business, FailureCause.STORAGE_ERROR, "disk full", now);
        DownloadOutcome then = new DownloadOutcome.Ready(call, business, 99, now.plusSeconds(5));

        events().publish(first);
        events().publish(then);

        assertThat(seenBy(call, 2)).containsExactly(Seen.of(first), Seen.of(then));
    }

    @Test
    void listenersOutOfReach_neverFailTheDownload() {
        assertThatCode(() -> unreachableEvents().publish(new DownloadOutcome.Ready(TestIds.aCallSid(), business, 1,
                now))).doesNotThrowAnyException();
    }
}

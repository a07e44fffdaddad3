package io.recstream.application.service;

import static io.recstream.application.testing.CallBuilder.aCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.application.port.in.CallRegistration;
import io.recstream.application.port.in.RebuildCallDirectoryUseCase.Outcome;
import io.recstream.application.testing.InMemoryCallRecord;
import io.recstream.application.testing.TestIds;
import io.recstream.domain.ReadPosition;
import io.recstream.domain.Call;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RebuildCallDirectoryServiceTest {

    private final Fixture fx = new Fixture();
    private final RebuildCallDirectoryService rebuild =
            new RebuildCallDirectoryService(fx.calls, fx.record, fx.lock);

    private Call reportedByTelephony(Call call) {
        fx.registrations.learn(new CallRegistration(call, true, fx.record.reported(call)));
        return call;
    }

    @Test
    void aCompleteDirectory_isLeftAlone() {
        assertThat(rebuild.rebuildIfLost()).isEqualTo(Outcome.COMPLETE);
    }

    @Test
    void aLostDirectory_isRebuiltFromTheRecord_withTheLatestFactsAndTheRightOwners() {
        Call reported = reportedByTelephony(aCall().build());
        Call corrected = aCall().withSid(reported.sid()).ownedBy(reported.business())
                .startedAt(reported.details().startedAt().plusSeconds(30)).build();
        reportedByTelephony(corrected);
        Call assumed = aCall().provisional().withoutKnownRecording().build();
        fx.registrations.report(new CallRegistration(assumed, false, null));
        Call owner = Call.identifiedBy(assumed.sid(), TestIds.aBusiness());
        reportedByTelephony(owner);
        fx.calls.loseEverything();

        assertThat(rebuild.rebuildIfLost()).isEqualTo(Outcome.REBUILT);

        assertThat(fx.calls.isComplete()).isTrue();
        assertThat(fx.calls.find(reported.sid())).contains(corrected);
        assertThat(fx.calls.find(assumed.sid()).orElseThrow().business()).isEqualTo(owner.business());
        assertThat(fx.calls.readPosition(InMemoryCallRecord.CALLS, 0)).as("the record's reader goes on from its end")
                .contains(new ReadPosition(InMemoryCallRecord.CALLS, 0, 4));
    }

    @Test
    void aReplayedOlderFact_neverUndoesANewerOneTakenInMeanwhile() {
        Call reported = reportedByTelephony(aCall().build());
        fx.calls.loseEverything();
        Call corrected = aCall().withSid(reported.sid()).ownedBy(reported.business())
                .startedAt(reported.details().startedAt().plus(Duration.ofHours(1))).build();
        reportedByTelephony(corrected);

        rebuild.rebuildIfLost();

        assertThat(fx.calls.find(reported.sid())).contains(corrected);
    }

    @Test
    void whileAnotherInstanceRebuilds_thisOneWaits() {
        fx.calls.loseEverything();
        var other = fx.lock.tryAcquire(RebuildCallDirectoryService.TASK).orElseThrow();

        assertThat(rebuild.rebuildIfLost()).isEqualTo(Outcome.REBUILDING_ELSEWHERE);
        assertThat(fx.calls.isComplete()).isFalse();
        other.close();
    }

    @Test
    void aRecordThatCannotBeRead_leavesTheDirectoryIncomplete() {
        reportedByTelephony(aCall().build());
        fx.calls.loseEverything();
        fx.record.makeUnreachable(true);

        assertThat(rebuild.rebuildIfLost()).isEqualTo(Outcome.INTERRUPTED);
        assertThat(fx.calls.isComplete()).isFalse();
    }
}

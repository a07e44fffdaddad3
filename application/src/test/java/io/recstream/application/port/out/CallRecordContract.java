package io.recstream.application.port.out;

import static io.recstream.application.testing.CallBuilder.aCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.application.testing.TestIds;
import io.recstream.domain.Call;
import io.recstream.domain.FactPosition;
import io.recstream.domain.ReadPosition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every {@link CallRecord} must do; each implementation's test extends this. */
public abstract class CallRecordContract {

    protected abstract CallRecord record();

    /** A record whose medium can't be reached. */
    protected abstract CallRecord unreachableRecord();

    /** The telephony service reports a call on its own part of the record. */
    protected abstract void reportedByTelephony(Call call);

    private Map<Call, FactPosition> replayed() {
        Map<Call, FactPosition> facts = new LinkedHashMap<>();
        record().replay(batch -> batch.forEach(fact -> facts.put(fact.facts(), fact.position())));
        return facts;
    }

    @Test
    void appendedFacts_comeBackFromAReplay_withTheirOwnership_andWhereTheyStand() {
        Call fromWebhook = Call.identifiedBy(TestIds.aCallSid(), TestIds.aBusiness())
                .withRecording(TestIds.aRecordingSid(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Call fromCommand = Call.provisionallyOwnedBy(TestIds.aCallSid(), TestIds.aBusiness());

        FactPosition webhookPosition = record().append(fromWebhook);
        FactPosition commandPosition = record().append(fromCommand);

        Map<Call, FactPosition> replayed = replayed();
        assertThat(replayed).containsEntry(fromWebhook, webhookPosition).containsEntry(fromCommand, commandPosition);
    }

    @Test
    void factsAboutOneCall_standInOrder_andReplayInOrder() {
        Call first = Call.provisionallyOwnedBy(TestIds.aCallSid(), TestIds.aBusiness());
        Call later = Call.identifiedBy(first.sid(), TestIds.aBusiness());

        FactPosition firstPosition = record().append(first);
        FactPosition laterPosition = record().append(later);

        assertThat(laterPosition.source()).isEqualTo(firstPosition.source());
        assertThat(laterPosition.sequence()).isGreaterThan(firstPosition.sequence());
        List<Call> ofTheCall = new ArrayList<>();
        record().replay(batch -> batch.stream().map(RecordedFact::facts)
                .filter(call -> call.sid().equals(first.sid())).forEach(ofTheCall::add));
        assertThat(ofTheCall).containsExactly(first, later);
    }

    @Test
    void aReplay_saysWhereItEnded_pastEveryFactItHandedOver() {
        FactPosition appended = record().append(aCall().build());

        List<ReadPosition> ends = record().replay(batch -> { });

        assertThat(ends).anySatisfy(end -> {
            assertThat(end.source()).isEqualTo(appended.source());
            assertThat(end.next()).isGreaterThan(appended.sequence());
        });
    }

    @Test
    void aReplay_includesWhatTheTelephonyServiceReported() {
        // The telephony service knows the call and its recording's SID, not when Twilio created the recording.
        Call reported = aCall().build().withRecording(TestIds.aRecordingSid(), null);
        reportedByTelephony(reported);

        assertThat(replayed()).containsKey(reported);
    }

    @Test
    void aSinkThatThrows_stopsTheReplay_andItsOwnExceptionReachesTheCaller() {
        for (int i = 0; i < 5; i++) {
            record().append(aCall().build());
        }
        IllegalStateException stop = new IllegalStateException("the view can't take more now");
        AtomicInteger batches = new AtomicInteger();

        assertThatThrownBy(() -> record().replay(batch -> {
            batches.incrementAndGet();
            throw stop;
        })).isSameAs(stop);
        assertThat(batches).hasValue(1);
        assertThat(replayed()).as("the record is whole, and replays again").hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void anUnreachableRecord_saysSo() {
        assertThatThrownBy(() -> unreachableRecord().append(aCall().build()))
                .isInstanceOf(CallRecordUnavailableException.class);
    }
}

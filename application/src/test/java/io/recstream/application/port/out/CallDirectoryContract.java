package io.recstream.application.port.out;

import static io.recstream.application.testing.CallBuilder.aCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.application.testing.TestIds;
import io.recstream.domain.BusinessId;
import io.recstream.domain.Call;
import io.recstream.domain.CallDetails;
import io.recstream.domain.CallSid;
import io.recstream.domain.Direction;
import io.recstream.domain.RecordingSid;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What every {@link CallDirectory} must do; each implementation's test extends this. */
public abstract class CallDirectoryContract {

    protected abstract CallDirectory directory();

    @Test
    void unknownCall_isNotFound() {
        assertThat(directory().find(TestIds.aCallSid())).isEmpty();
    }

    @Test
    void registeredCall_isFoundWithAllItsFacts() {
        Call call = aCall().build();
        assertThat(directory().register(call)).isEqualTo(call);
        assertThat(directory().find(call.sid())).contains(call);
    }

    @Test
    void callWithOnlyAnIdentity_roundTrips() {
        Call bare = Call.identifiedBy(TestIds.aCallSid(), TestIds.aBusiness());
        directory().register(bare);
        assertThat(directory().find(bare.sid())).contains(bare);
    }

    @Test
    void laterFacts_areMergedIntoTheKnownCall() {
        CallSid sid = TestIds.aCallSid();
        BusinessId business = TestIds.aBusiness();
        CallDetails details = new CallDetails(Direction.OUTBOUND, "+1", "+2", Instant.parse("2026-11-20T10:00:00Z"), 42);
        RecordingSid recording = TestIds.aRecordingSid();
        Instant created = Instant.parse("2026-11-20T10:00:43Z");

        directory().register(Call.identifiedBy(sid, business).withRecording(recording, created));
        Call merged = directory().register(Call.identifiedBy(sid, business).withDetails(details));

        Call expected = new Call(sid, business, details, recording, created);
        assertThat(merged).isEqualTo(expected);
        assertThat(directory().find(sid)).contains(expected);
    }

    @Test
    void registeringIsIdempotent() {
        Call call = aCall().build();
        directory().register(call);
        directory().register(call);
        assertThat(directory().find(call.sid())).contains(call);
    }

    @Test
    void anotherBusiness_cannotTakeOverACall() {
        Call owned = aCall().build();
        directory().register(owned);

        Call intruder = aCall().withSid(owned.sid()).ownedBy(TestIds.aBusiness()).build();
        Call answer = directory().register(intruder);

        assertThat(answer).isEqualTo(owned);
        assertThat(directory().find(owned.sid())).contains(owned);
    }

    @Test
    void concurrentFirstRegistrations_ofTwoBusinesses_leaveExactlyOneOwner() {
        CallSid sid = TestIds.aCallSid();
        Call a = aCall().withSid(sid).build();
        Call b = aCall().withSid(sid).build();
        CompletableFuture<Call> first = CompletableFuture.supplyAsync(() -> directory().register(a));
        CompletableFuture<Call> second = CompletableFuture.supplyAsync(() -> directory().register(b));

        Call firstAnswer = first.join();
        Call secondAnswer = second.join();

        BusinessId owner = directory().find(sid).orElseThrow().business();
        assertThat(owner).isIn(a.business(), b.business());
        assertThat(firstAnswer.business()).isEqualTo(owner);
        assertThat(secondAnswer.business()).isEqualTo(owner);
    }
}

package io.recstream.application.port.out;

import static io.recstream.application.testing.CallBuilder.aCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.application.testing.TestIds;
import io.recstream.domain.BusinessId;
import io.recstream.domain.Call;
import io.recstream.domain.CallCursor;
import io.recstream.domain.CallFilter;
import io.recstream.domain.CallSearch;
import io.recstream.domain.CallDetails;
import io.recstream.domain.CallSid;
import io.recstream.domain.Direction;
import io.recstream.domain.FactPosition;
import io.recstream.domain.Ownership;
import io.recstream.domain.ReadPosition;
import io.recstream.domain.ReadStep;
import io.recstream.domain.RecordingSid;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What every {@link CallDirectory} must do; each implementation's test extends this. */
public abstract class CallDirectoryContract {

    protected abstract CallDirectory directory();

    /** The same directory as seen by another instance of recstream (for a shared one, another adapter on it). */
    protected abstract CallDirectory anotherInstance();

    /** Makes the directory lose everything it holds, as Redis does on a restart without persistence or FLUSHALL. */
    protected abstract void loseEverything();

    @org.junit.jupiter.api.BeforeEach
    void startComplete() {
        directory().completeUpTo(List.of());
    }

    @Test
    void unknownCall_isNotFound() {
        assertThat(directory().find(TestIds.aCallSid())).isEmpty();
    }

    @Test
    void registeredCall_isFoundWithAllItsFacts() {
        Call call = aCall().build();
        assertThat(directory().register(call, null)).isEqualTo(call);
        assertThat(directory().find(call.sid())).contains(call);
    }

    @Test
    void callWithOnlyAnIdentity_roundTrips() {
        Call bare = Call.identifiedBy(TestIds.aCallSid(), TestIds.aBusiness());
        directory().register(bare, null);
        assertThat(directory().find(bare.sid())).contains(bare);
    }

    @Test
    void laterFacts_areMergedIntoTheKnownCall() {
        CallSid sid = TestIds.aCallSid();
        BusinessId business = TestIds.aBusiness();
        Instant started = T0.plus(Duration.ofHours(2));
        CallDetails details = new CallDetails(Direction.OUTBOUND, "+1", "+2", started, 42);
        RecordingSid recording = TestIds.aRecordingSid();
        Instant created = started.plusSeconds(43);

        directory().register(Call.identifiedBy(sid, business).withRecording(recording, created), null);
        Call merged = directory().register(Call.identifiedBy(sid, business).withDetails(details), null);

        Call expected = new Call(sid, business, Ownership.AUTHORITATIVE, details, recording, created);
        assertThat(merged).isEqualTo(expected);
        assertThat(directory().find(sid)).contains(expected);
    }

    @Test
    void registeringIsIdempotent() {
        Call call = aCall().build();
        directory().register(call, null);
        directory().register(call, null);
        assertThat(directory().find(call.sid())).contains(call);
    }

    @Test
    void anotherBusiness_cannotTakeOverACall() {
        Call owned = aCall().build();
        directory().register(owned, null);

        Call intruder = aCall().withSid(owned.sid()).ownedBy(TestIds.aBusiness()).build();
        Call answer = directory().register(intruder, null);

        assertThat(answer).isEqualTo(owned);
        assertThat(directory().find(owned.sid())).contains(owned);
    }

    /** A day ago, whatever day the tests run: young enough for any retention a directory keeps. */
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));

    /** Registers a call of {@code business} started {@code minutes} after T0. */
    private Call callAt(BusinessId business, int minutes, boolean outbound) {
        var builder = aCall().ownedBy(business).startedAt(T0.plusSeconds(60L * minutes));
        Call call = (outbound ? builder.outbound() : builder).build();
        directory().register(call, null);
        return call;
    }

    private List<Call> allPages(BusinessId business, CallFilter filter, int pageSize) {
        List<Call> seen = new ArrayList<>();
        CallCursor cursor = null;
        do {
            CallPage page = directory().listCalls(business, filter, pageSize, cursor);
            seen.addAll(page.calls());
            cursor = page.next();
        } while (cursor != null);
        return seen;
    }

    @Test
    void list_isNewestFirst_andHoldsOnlyTheBusinessesOwnCalls() {
        BusinessId business = TestIds.aBusiness();
        Call older = callAt(business, 1, false);
        Call newest = callAt(business, 3, true);
        Call middle = callAt(business, 2, false);
        callAt(TestIds.aBusiness(), 4, false);

        assertThat(allPages(business, CallFilter.ALL, 10)).containsExactly(newest, middle, older);
    }

    @Test
    void list_filtersByDirection() {
        BusinessId business = TestIds.aBusiness();
        Call inbound = callAt(business, 1, false);
        Call outbound = callAt(business, 2, true);

        assertThat(allPages(business, new CallFilter(Direction.OUTBOUND, null, null, null), 10)).containsExactly(outbound);
        assertThat(allPages(business, new CallFilter(Direction.INBOUND, null, null, null), 10)).containsExactly(inbound);
    }

    private Call callBetween(BusinessId business, int minutes, String from, String to) {
        Call call = aCall().ownedBy(business).startedAt(T0.plusSeconds(60L * minutes)).between(from, to).build();
        directory().register(call, null);
        return call;
    }

    @Test
    void aSearch_findsTheBusinessesCallsByTheEndOfANumber_orByASidPrefix() {
        BusinessId business = TestIds.aBusiness();
        Call fromTheCustomer = callBetween(business, 1, "+972500000007", "+97231234567");
        Call toTheCustomer = callBetween(business, 2, "+97231234567", "+972500000007");
        callBetween(business, 3, "+972500000008", "+97231234567");
        callBetween(TestIds.aBusiness(), 4, "+972500000007", "+97231234567");

        assertThat(allPages(business, new CallFilter(null, null, null, CallSearch.parse("050-000-0007")), 10))
                .containsExactly(toTheCustomer, fromTheCustomer);
        assertThat(allPages(business, new CallFilter(null, null, null,
                CallSearch.parse(fromTheCustomer.sid().value().substring(0, 12))), 10)).containsExactly(fromTheCustomer);
    }

    @Test
    void aWindowOfStartTimes_boundsTheList_bothEndsIncluded_withADirection() {
        BusinessId business = TestIds.aBusiness();
        callAt(business, 10, true);
        Call first = callAt(business, 20, true);
        callAt(business, 25, false);
        Call last = callAt(business, 30, true);
        callAt(business, 40, true);

        assertThat(allPages(business, new CallFilter(Direction.OUTBOUND, T0.plusSeconds(20 * 60), T0.plusSeconds(30 * 60),
                null), 10)).containsExactly(last, first);
    }

    @Test
    void aSearchIsPaged_newestFirst_noCallTwice_noneLost_amongManyThatDontMatch() {
        BusinessId business = TestIds.aBusiness();
        List<Call> matching = new ArrayList<>();
        for (int minute = 0; minute < 30; minute++) {
            Call call = callBetween(business, minute, minute % 3 == 0 ? "+15557770123" : "+1555000" + (1000 + minute),
                    "+15559990000");
            if (minute % 3 == 0) {
                matching.add(0, call);
            }
        }

        assertThat(allPages(business, new CallFilter(null, null, null, CallSearch.parse("0123")), 3))
                .containsExactlyElementsOf(matching);
    }

    @Test
    void list_leavesOutCallsWhoseDetailsAreUnknown() {
        BusinessId business = TestIds.aBusiness();
        directory().register(Call.identifiedBy(TestIds.aCallSid(), business), null);

        assertThat(directory().listCalls(business, CallFilter.ALL, 10, null)).isEqualTo(new CallPage(List.of(), null));
    }

    @Test
    void pages_continueWhereTheyStopped_evenWhileNewCallsArrive() {
        BusinessId business = TestIds.aBusiness();
        List<Call> existing = new ArrayList<>();
        for (int minute = 0; minute < 7; minute++) {
            existing.add(0, callAt(business, minute * 10, minute % 2 == 0));
        }

        CallPage first = directory().listCalls(business, CallFilter.ALL, 3, null);
        callAt(business, 1000, false);
        callAt(business, 1001, true);
        CallPage second = directory().listCalls(business, CallFilter.ALL, 3, first.next());
        CallPage third = directory().listCalls(business, CallFilter.ALL, 3, second.next());

        assertThat(first.calls()).containsExactlyElementsOf(existing.subList(0, 3));
        assertThat(second.calls()).containsExactlyElementsOf(existing.subList(3, 6));
        assertThat(third.calls()).containsExactlyElementsOf(existing.subList(6, 7));
        assertThat(third.next()).isNull();
    }

    @Test
    void callsStartedInTheSameMillisecond_areAllListedOnce() {
        BusinessId business = TestIds.aBusiness();
        for (int i = 0; i < 5; i++) {
            callAt(business, 5, false);
        }

        List<Call> listed = allPages(business, CallFilter.ALL, 2);

        assertThat(listed).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void concurrentFirstRegistrations_ofTwoBusinesses_leaveExactlyOneOwner() {
        CallSid sid = TestIds.aCallSid();
        Call a = aCall().withSid(sid).build();
        Call b = aCall().withSid(sid).build();
        CompletableFuture<Call> first = CompletableFuture.supplyAsync(() -> directory().register(a, null));
        CompletableFuture<Call> second = CompletableFuture.supplyAsync(() -> directory().register(b, null));

        Call firstAnswer = first.join();
        Call secondAnswer = second.join();

        BusinessId owner = directory().find(sid).orElseThrow().business();
        assertThat(owner).isIn(a.business(), b.business());
        assertThat(firstAnswer.business()).isEqualTo(owner);
        assertThat(secondAnswer.business()).isEqualTo(owner);
    }

    @Test
    void aProvisionalOwner_givesWayToTheAuthoritativeOne_andTheListFollows() {
        Call assumed = aCall().provisional().build();
        directory().register(assumed, null);
        BusinessId owner = TestIds.aBusiness();

        Call stored = directory().register(aCall().withSid(assumed.sid()).ownedBy(owner).build(), null);

        assertThat(stored.business()).isEqualTo(owner);
        assertThat(stored.isProvisional()).isFalse();
        assertThat(directory().find(assumed.sid())).contains(stored);
        assertThat(directory().listCalls(assumed.business(), CallFilter.ALL, 10, null).calls()).isEmpty();
        assertThat(directory().listCalls(owner, CallFilter.ALL, 10, null).calls()).containsExactly(stored);
    }

    @Test
    void aCorrectedFact_movesTheCallInTheList_insteadOfAddingARow() {
        BusinessId business = TestIds.aBusiness();
        Call first = callAt(business, 10, false);
        Call other = callAt(business, 20, false);
        Call corrected = aCall().withSid(first.sid()).ownedBy(business).startedAt(T0.plusSeconds(60L * 30)).outbound()
                .build();

        directory().register(corrected, null);

        assertThat(allPages(business, CallFilter.ALL, 10)).containsExactly(corrected, other);
        assertThat(allPages(business, new CallFilter(Direction.INBOUND, null, null, null), 10)).containsExactly(other);
        assertThat(allPages(business, new CallFilter(Direction.OUTBOUND, null, null, null), 10))
                .containsExactly(corrected);
    }

    @Test
    void aFactFromARecord_isTakenInOnce_andNeverOverANewerOneFromTheSameRecord() {
        BusinessId business = TestIds.aBusiness();
        Call older = aCall().ownedBy(business).startedAt(T0).build();
        Call newer = aCall().withSid(older.sid()).ownedBy(business).startedAt(T0.plusSeconds(90)).build();

        directory().register(newer, new FactPosition("calls", 7));
        Call afterReplay = directory().register(older, new FactPosition("calls", 3));
        directory().register(older, new FactPosition("calls", 7));

        assertThat(afterReplay).isEqualTo(newer);
        assertThat(directory().find(older.sid())).contains(newer);
        assertThat(directory().register(older, new FactPosition("registrations", 3))).as("another record's order")
                .isEqualTo(older);
    }

    @Test
    void howFarTheReaderCame_isKeptWithTheFacts_onlyEverForward_evenByAFactThatChangesNothing() {
        String source = "calls-" + TestIds.aCallSid().value();
        Call call = aCall().startedAt(T0).build();
        assertThat(directory().readPosition(source, 2)).isEmpty();

        directory().register(call, new FactPosition(source, 4), new ReadStep(source, 2, 0, 5));
        assertThat(directory().readPosition(source, 2)).contains(new ReadPosition(source, 2, 5));

        directory().register(call, new FactPosition(source, 4), new ReadStep(source, 2, 5, 9));
        assertThat(directory().readPosition(source, 2)).as("a fact taken in already").contains(
                new ReadPosition(source, 2, 9));
        directory().register(call, new FactPosition(source, 3), new ReadStep(source, 2, 3, 4));
        directory().register(aCall().startedAt(T0).build(), null);
        assertThat(directory().readPosition(source, 2)).as("never backward").contains(new ReadPosition(source, 2, 9));
        assertThat(directory().readPosition(source, 1)).as("another partition").isEmpty();
    }

    @Test
    void aReaderThatComesFromFurtherThanTheRecordedPosition_leavesIt_soThatTheGapIsReadAgain() {
        String source = "calls-" + TestIds.aCallSid().value();
        directory().register(aCall().build(), new FactPosition(source, 4), new ReadStep(source, 0, 0, 5));

        // The facts from 5 to 11 were lost (Redis restored from an older snapshot); the reader goes on at 12.
        directory().register(aCall().build(), new FactPosition(source, 12), new ReadStep(source, 0, 12, 13));
        assertThat(directory().readPosition(source, 0)).as("the gap stays visible").contains(
                new ReadPosition(source, 0, 5));
        directory().register(aCall().build(), new FactPosition(source, 13), new ReadStep(source, 0, 13, 14));
        assertThat(directory().readPosition(source, 0)).contains(new ReadPosition(source, 0, 5));

        directory().register(aCall().build(), new FactPosition(source, 5), new ReadStep(source, 0, 5, 12));
        assertThat(directory().readPosition(source, 0)).as("read again from the gap").contains(
                new ReadPosition(source, 0, 12));
    }

    @Test
    void aCallRegisteredThroughAnotherInstance_isSeen() {
        CallSid sid = TestIds.aCallSid();
        assertThat(directory().find(sid)).isEmpty();
        anotherInstance().register(aCall().withSid(sid).provisional().build(), null);
        assertThat(directory().find(sid)).hasValueSatisfying(call -> assertThat(call.isProvisional()).isTrue());

        Call owned = anotherInstance().register(aCall().withSid(sid).build(), null);

        assertThat(directory().find(sid)).contains(owned);
    }

    @Test
    void afterLosingEverything_unknownAndProvisionalCallsAreUnavailable_notUnknown_untilCompletedByAReplay() {
        Call authoritative = aCall().build();
        Call assumed = aCall().provisional().build();
        String source = "calls-" + TestIds.aCallSid().value();
        loseEverything();
        assertThat(directory().isComplete()).isFalse();
        directory().register(authoritative, new FactPosition(source, 7), new ReadStep(source, 0, 0, 8));
        directory().register(assumed, null);
        assertThat(directory().isComplete()).as("a live fact completes nothing").isFalse();

        assertThat(directory().find(authoritative.sid())).contains(authoritative);
        assertThatThrownBy(() -> directory().find(TestIds.aCallSid())).isInstanceOf(SharedStateUnavailableException.class);
        assertThatThrownBy(() -> directory().find(assumed.sid())).isInstanceOf(SharedStateUnavailableException.class);
        assertThatThrownBy(() -> directory().listCalls(authoritative.business(), CallFilter.ALL, 10, null))
                .isInstanceOf(SharedStateUnavailableException.class);

        directory().completeUpTo(List.of(new ReadPosition(source, 0, 5), new ReadPosition(source, 1, 0)));

        assertThat(directory().isComplete()).isTrue();
        assertThat(directory().find(TestIds.aCallSid())).isEmpty();
        assertThat(directory().find(assumed.sid())).contains(assumed);
        assertThat(directory().readPosition(source, 0)).as("the replay's end, not the live fact's, recorded before")
                .contains(new ReadPosition(source, 0, 5));
        assertThat(directory().readPosition(source, 1)).contains(new ReadPosition(source, 1, 0));
        directory().register(authoritative, new FactPosition(source, 7), new ReadStep(source, 0, 5, 8));
        assertThat(directory().readPosition(source, 0)).as("live facts move it on again")
                .contains(new ReadPosition(source, 0, 8));
    }

    @Test
    void aBatchOfRecordedFacts_isTakenInAsOneByOne_inOrder_neverOverNewerFacts() {
        String calls = "calls-" + TestIds.aCallSid().value();
        String registrations = "registrations-" + TestIds.aCallSid().value();
        Call reported = aCall().startedAt(T0).build();
        Call corrected = aCall().withSid(reported.sid()).ownedBy(reported.business()).startedAt(T0.plusSeconds(30))
                .build();
        Call assumed = aCall().provisional().withoutKnownRecording().startedAt(T0).build();
        Call owner = Call.identifiedBy(assumed.sid(), TestIds.aBusiness());
        Call takenInLive = aCall().startedAt(T0.plusSeconds(60)).build();
        Call olderOfTheLive = aCall().withSid(takenInLive.sid()).ownedBy(takenInLive.business()).startedAt(T0).build();
        directory().register(takenInLive, new FactPosition(calls, 9));

        directory().registerAll(List.of(new RecordedFact(reported, new FactPosition(calls, 1)),
                new RecordedFact(assumed, new FactPosition(registrations, 2)),
                new RecordedFact(corrected, new FactPosition(calls, 3)),
                new RecordedFact(owner, new FactPosition(calls, 4)),
                new RecordedFact(olderOfTheLive, new FactPosition(calls, 5)),
                new RecordedFact(reported, new FactPosition(calls, 1))));

        assertThat(directory().find(reported.sid())).contains(corrected);
        assertThat(directory().find(assumed.sid())).hasValueSatisfying(call -> {
            assertThat(call.business()).isEqualTo(owner.business());
            assertThat(call.isProvisional()).isFalse();
        });
        assertThat(directory().find(takenInLive.sid())).as("an older fact of the record").contains(takenInLive);
        assertThat(directory().listCalls(corrected.business(), CallFilter.ALL, 10, null).calls()).containsExactly(corrected);
        directory().register(reported, new FactPosition(calls, 2));
        assertThat(directory().find(reported.sid())).as("the batch's positions are kept").contains(corrected);
    }
}

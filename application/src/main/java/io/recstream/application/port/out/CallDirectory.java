package io.recstream.application.port.out;

import io.recstream.domain.BusinessId;
import io.recstream.domain.Call;
import io.recstream.domain.CallCursor;
import io.recstream.domain.CallFilter;
import io.recstream.domain.CallSid;
import io.recstream.domain.FactPosition;
import io.recstream.domain.ReadPosition;
import io.recstream.domain.ReadStep;
import java.util.List;
import java.util.Optional;

/**
 * The calls recstream knows, with their owners and recordings: a view of the record (the calls topic and recstream's
 * own registrations) that may be lost and is then rebuilt from it. Entries expire once their call is well past the
 * retention.
 *
 * <p>The view knows how far it has read each partition of the record, and these positions are kept with the facts:
 * lost with them, never without. A directory without any is one that lost everything (or never held anything): it is
 * incomplete until a replay of the whole record {@link #completeUpTo completes} it. One that lost only its newest
 * facts holds older positions, from which its reader reads again.
 */
public interface CallDirectory {

    /**
     * @throws SharedStateUnavailableException if the directory can't be reached, or can't tell yet because it is
     *                                         being rebuilt (an unknown or provisionally owned call may then still
     *                                         turn out otherwise)
     */
    Optional<Call> find(CallSid sid);

    /**
     * Takes in facts about a call atomically: the call becomes {@link Call#absorb what it was, with the facts}.
     *
     * @param position where the facts stand in their record, so that a fact is taken in once and never over a newer
     *                 one from the same record; null for facts that are in no record
     * @return the call as stored afterwards (owned by another business if the facts were refused)
     */
    default Call register(Call facts, FactPosition position) {
        return register(facts, position, null);
    }

    /**
     * As {@link #register(Call, FactPosition)}, and records in the same atomic write how far the record's reader has
     * come ({@code read}'s next place, if the position recorded is at least where the step began and below where it
     * ends; none if null). An incomplete directory records no position: the replay that completes it sets them.
     */
    Call register(Call facts, FactPosition position, ReadStep read);

    /**
     * Takes in a batch of recorded facts, as {@link #register(Call, FactPosition)} does one by one, without a round
     * trip for each (a replay of the whole record).
     */
    void registerAll(List<RecordedFact> facts);

    /** How far the record's reader had come in one partition by the facts this directory holds; empty if unknown. */
    Optional<ReadPosition> readPosition(String source, int partition);

    /**
     * The business's calls whose details are known and that {@code filter} matches, newest first; a page continues
     * after {@code before}, so calls that arrive meanwhile never shift or repeat a later page of the same filter.
     *
     * @param before only calls after this position, or from the newest if null
     * @throws SharedStateUnavailableException while the directory is being rebuilt (a page could miss calls)
     */
    CallPage listCalls(BusinessId business, CallFilter filter, int limit, CallCursor before);

    /** Whether the directory holds the whole record (it knows how far it has read), or lost it and is to be rebuilt. */
    boolean isComplete();

    /**
     * Says that the directory holds the whole record up to {@code ends} (the end of a replay of every partition), and
     * records them as how far it has read (each only forward): the directory is complete from now on.
     */
    void completeUpTo(List<ReadPosition> ends);
}

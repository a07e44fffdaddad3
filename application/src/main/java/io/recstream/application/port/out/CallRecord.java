package io.recstream.application.port.out;

import io.recstream.domain.Call;
import io.recstream.domain.FactPosition;
import io.recstream.domain.ReadPosition;
import java.util.List;
import java.util.function.Consumer;

/**
 * The durable record of calls: what the telephony service reports, and what recstream learnt itself (a recording
 * reported by Twilio's webhook, a call registered by a download command). The call directory is rebuilt from it.
 */
public interface CallRecord {

    /**
     * Records a fact recstream learnt itself, durably (acknowledged by the cluster) before returning.
     *
     * @return where it stands in the record
     * @throws CallRecordUnavailableException if it could not be recorded in time
     */
    FactPosition append(Call facts);

    /**
     * Hands every fact on record to {@code sink}, in batches, in order for each call, up to the end of the record as
     * it was when the replay started. A sink may stop the replay by throwing: no batch follows, what the replay held
     * is released, and the sink's exception reaches the caller as it was thrown (never taken for the record's own
     * failure).
     *
     * @return that end, for each partition of the record: where a reader goes on from
     * @throws CallRecordUnavailableException if the record could not be read
     */
    List<ReadPosition> replay(Consumer<List<RecordedFact>> sink);
}

package io.recstream.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A call of one business and what is known of its recording. Facts arrive from several sources (the calls topic,
 * Twilio's webhook, a download command, Twilio's metadata), so every fact but the identity may still be unknown.
 *
 * @param details            the call's facts, null until the telephony service reports them
 * @param recordingSid       null until known; the recording can then be looked up by call SID
 * @param recordingCreatedAt when Twilio created the recording, null until known
 */
public record Call(CallSid sid, BusinessId business, CallDetails details, RecordingSid recordingSid,
                   Instant recordingCreatedAt) {

    public Call {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(business, "business");
    }

    public static Call identifiedBy(CallSid sid, BusinessId business) {
        return new Call(sid, business, null, null, null);
    }

    public Call withDetails(CallDetails newDetails) {
        return new Call(sid, business, newDetails, recordingSid, recordingCreatedAt);
    }

    public Call withRecording(RecordingSid newRecordingSid, Instant createdAt) {
        return new Call(sid, business, details, newRecordingSid, createdAt);
    }

    public boolean belongsTo(BusinessId candidate) {
        return business.equals(candidate);
    }

    public Optional<CallDetails> knownDetails() {
        return Optional.ofNullable(details);
    }

    public Optional<RecordingSid> knownRecordingSid() {
        return Optional.ofNullable(recordingSid);
    }

    /**
     * The instant a recording's age counts from: its creation at Twilio, or, until that is known, the start of the
     * call (a recording is never created before its call starts, so this never makes a recording look younger).
     */
    public Optional<Instant> ageReference() {
        if (recordingCreatedAt != null) {
            return Optional.of(recordingCreatedAt);
        }
        return knownDetails().map(CallDetails::startedAt);
    }

    /**
     * Combines what this call knows with newer facts about the same call: a newer fact wins, an unknown one keeps
     * the old. The business never changes: the first registration owns the call.
     */
    public Call mergedWith(Call newer) {
        if (!sid.equals(newer.sid) || !business.equals(newer.business)) {
            throw new IllegalArgumentException("only facts about the same call of the same business can be merged");
        }
        return new Call(sid, business,
                newer.details != null ? newer.details : details,
                newer.recordingSid != null ? newer.recordingSid : recordingSid,
                newer.recordingCreatedAt != null ? newer.recordingCreatedAt : recordingCreatedAt);
    }
}

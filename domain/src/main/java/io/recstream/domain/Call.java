package io.recstream.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A call of one business and what is known of its recording. Facts arrive from several sources (the calls topic,
 * Twilio's webhook, a download command, Twilio's metadata), so every fact but the identity may still be unknown.
 *
 * @param ownership          whether the business was said by an authoritative source or assumed from a command
 * @param details            the call's facts, null until the telephony service reports them
 * @param recordingSid       null until known; the recording can then be looked up by call SID
 * @param recordingCreatedAt when Twilio created the recording, null until known
 */
public record Call(CallSid sid, BusinessId business, Ownership ownership, CallDetails details,
                   RecordingSid recordingSid, Instant recordingCreatedAt) {

    public Call {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(ownership, "ownership");
    }

    /** A call reported by an authoritative source: the telephony service or Twilio's signed webhook. */
    public static Call identifiedBy(CallSid sid, BusinessId business) {
        return new Call(sid, business, Ownership.AUTHORITATIVE, null, null, null);
    }

    /** A call assumed to be {@code business}'s because a download command said so. */
    public static Call provisionallyOwnedBy(CallSid sid, BusinessId business) {
        return new Call(sid, business, Ownership.PROVISIONAL, null, null, null);
    }

    public Call withDetails(CallDetails newDetails) {
        return new Call(sid, business, ownership, newDetails, recordingSid, recordingCreatedAt);
    }

    public Call withRecording(RecordingSid newRecordingSid, Instant createdAt) {
        return new Call(sid, business, ownership, details, newRecordingSid, createdAt);
    }

    public boolean belongsTo(BusinessId candidate) {
        return business.equals(candidate);
    }

    public boolean isProvisional() {
        return ownership == Ownership.PROVISIONAL;
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
     * Whether the call ended less than {@code grace} before {@code now}: Twilio may still be post-processing its
     * recording, so "no such recording" may not be final yet. A call whose end is not known is not young.
     */
    public boolean endedWithin(Duration grace, Instant now) {
        return knownDetails()
                .map(known -> known.startedAt().plusSeconds(known.durationSeconds()).plus(grace).isAfter(now))
                .orElse(false);
    }

    /**
     * This call as it stands once {@code fact} is taken in. The owner is the first authoritative source's business;
     * a provisional owner gives way to an authoritative fact of another business, and any other fact about a call of
     * another business is ignored. A fact of the owner (or of the new owner) adds what it knows: a known value is
     * kept unless the fact brings a newer one.
     */
    public Call absorb(Call fact) {
        if (!sid.equals(fact.sid)) {
            throw new IllegalArgumentException("only facts about the same call can be absorbed");
        }
        boolean takesOver = !business.equals(fact.business) && isProvisional() && !fact.isProvisional();
        if (!business.equals(fact.business) && !takesOver) {
            return this;
        }
        Ownership merged = isProvisional() && fact.isProvisional() ? Ownership.PROVISIONAL : Ownership.AUTHORITATIVE;
        return new Call(sid, fact.business, merged,
                fact.details != null ? fact.details : details,
                fact.recordingSid != null ? fact.recordingSid : recordingSid,
                fact.recordingCreatedAt != null ? fact.recordingCreatedAt : recordingCreatedAt);
    }
}

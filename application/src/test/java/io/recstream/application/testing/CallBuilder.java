package io.recstream.application.testing;

import io.recstream.domain.BusinessId;
import io.recstream.domain.Call;
import io.recstream.domain.CallDetails;
import io.recstream.domain.CallSid;
import io.recstream.domain.Direction;
import io.recstream.domain.Ownership;
import io.recstream.domain.RecordingSid;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** {@code aCall().ownedBy(b).recordedAgo(Duration.ofDays(8), now).build()} */
public final class CallBuilder {

    private CallSid sid = TestIds.aCallSid();
    private BusinessId business = TestIds.aBusiness();
    private Ownership ownership = Ownership.AUTHORITATIVE;
    private Direction direction = Direction.INBOUND;
    private String from = "+15550001111";
    private String to = "+15550002222";
    /** An hour ago, whatever day the tests run: well within any retention a test sets. */
    private Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    private RecordingSid recordingSid = TestIds.aRecordingSid();
    private Instant recordingCreatedAt = startedAt.plusSeconds(60);

    public static CallBuilder aCall() {
        return new CallBuilder();
    }

    public CallBuilder between(String fromNumber, String toNumber) {
        this.from = fromNumber;
        this.to = toNumber;
        return this;
    }

    public CallBuilder withSid(CallSid value) {
        this.sid = value;
        return this;
    }

    public CallBuilder ownedBy(BusinessId value) {
        this.business = value;
        return this;
    }

    public CallBuilder provisional() {
        this.ownership = Ownership.PROVISIONAL;
        return this;
    }

    public CallBuilder outbound() {
        this.direction = Direction.OUTBOUND;
        return this;
    }

    public CallBuilder withRecording(RecordingSid value) {
        this.recordingSid = value;
        return this;
    }

    public CallBuilder withoutKnownRecording() {
        this.recordingSid = null;
        this.recordingCreatedAt = null;
        return this;
    }

    public CallBuilder startedAt(Instant start) {
        this.startedAt = start;
        this.recordingCreatedAt = start.plusSeconds(60);
        return this;
    }

    public CallBuilder recordedAt(Instant createdAt) {
        this.startedAt = createdAt.minusSeconds(60);
        this.recordingCreatedAt = createdAt;
        return this;
    }

    public CallBuilder recordedAgo(Duration age, Instant now) {
        return recordedAt(now.minus(age));
    }

    public Call build() {
        return new Call(sid, business, ownership, new CallDetails(direction, from, to, startedAt, 60),
                recordingSid, recordingCreatedAt);
    }
}

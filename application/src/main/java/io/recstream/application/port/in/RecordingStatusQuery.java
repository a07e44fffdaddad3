package io.recstream.application.port.in;

import io.recstream.domain.BusinessId;
import io.recstream.domain.CallSid;
import java.util.Objects;

public record RecordingStatusQuery(Viewer viewer, BusinessId business, CallSid callSid) {

    public RecordingStatusQuery {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(callSid, "callSid");
    }
}

package io.recstream.application.port.in;

import io.recstream.domain.CallSid;
import java.time.Instant;

/**
 * @param sizeBytes known once ready, otherwise null
 * @param updatedAt when the status last changed, null if nothing happened yet
 */
public record RecordingStatusView(CallSid callSid, RecordingAvailability availability, Long sizeBytes,
                                  Instant updatedAt) {
}

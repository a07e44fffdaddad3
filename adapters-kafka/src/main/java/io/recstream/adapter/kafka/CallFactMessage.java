package io.recstream.adapter.kafka;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The wire form of a call fact on {@code recordings.calls}, written by the telephony service. */
@JsonIgnoreProperties(ignoreUnknown = true)
record CallFactMessage(String callSid, String businessId, String recordingSid, String direction, String from,
                       String to, String startedAt, Long durationSeconds) {
}

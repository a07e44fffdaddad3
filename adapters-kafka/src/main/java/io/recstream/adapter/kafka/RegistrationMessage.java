package io.recstream.adapter.kafka;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The wire form of what recstream learnt of a call itself, on {@code recordings.registrations}.
 *
 * @param source {@code webhook} (Twilio's signed callback: authoritative) or {@code command} (a download command that
 *               named a call nobody had reported: provisional)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
record RegistrationMessage(String callSid, String businessId, String recordingSid, String recordingCreatedAt,
                           String source) {

    static final String WEBHOOK = "webhook";
    static final String COMMAND = "command";
}

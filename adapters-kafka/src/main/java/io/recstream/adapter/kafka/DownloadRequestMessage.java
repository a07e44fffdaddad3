package io.recstream.adapter.kafka;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The wire form of a download command on {@code recordings.download-requests}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
record DownloadRequestMessage(String callSid, String businessId, String recordingSid, String requestedAt,
                              String reason) {
}

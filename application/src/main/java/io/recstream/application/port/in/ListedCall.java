package io.recstream.application.port.in;

import io.recstream.domain.Call;

/** A call as the calls page shows it, with where its recording stands. */
public record ListedCall(Call call, RecordingStatusView recording) {
}

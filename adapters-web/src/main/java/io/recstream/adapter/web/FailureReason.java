package io.recstream.adapter.web;

import io.recstream.application.port.in.RecordingStatusView;
import io.recstream.domain.FailureCause;

/**
 * Why a recording's last download failed, as the status and the calls list name it ({@code reason}, beside
 * {@code "status":"failed"}): the problem code a play would answer where there is one, so a page says the same.
 */
final class FailureReason {

    private FailureReason() {
    }

    /** The reason of a failed recording; null for any other. */
    static String of(RecordingStatusView view) {
        return view.knownFailure().map(FailureReason::of).orElse(null);
    }

    private static String of(FailureCause cause) {
        return switch (cause) {
            case PROVIDER_ERROR -> "provider_unavailable";
            case STORAGE_ERROR -> "storage_unavailable";
            case RECORDING_NOT_FOUND -> "recording_unavailable";
            case CALL_HAS_NO_RECORDING -> "no_recording";
            case RECORDING_EXPIRED -> "recording_expired";
            case RECORDING_TOO_LARGE -> "recording_too_large";
        };
    }
}

package io.recstream.adapter.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.recstream.application.port.in.AccessDenial;
import io.recstream.application.port.in.Playback;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** {@code recstream.stream.requests{outcome}}: how plays are answered, with a small, fixed set of outcomes. */
@Component
class StreamMetrics {

    private final MeterRegistry meters;

    StreamMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void served(RecordingResponder.Outcome outcome) {
        count(outcome.name());
    }

    void answered(Playback playback) {
        count(switch (playback) {
            case Playback.Ready ready -> "served";
            case Playback.Preparing preparing -> "preparing";
            case Playback.Denied denied -> denied.reason() == AccessDenial.BUSINESS_FORBIDDEN ? "forbidden" : "not_found";
            case Playback.Expired expired -> "expired";
            case Playback.Unavailable unavailable -> "not_found";
            case Playback.ProviderUnavailable outage -> "unavailable";
            case Playback.TemporarilyUnavailable later -> "unavailable";
        });
    }

    void rangeRejected() {
        count("range_rejected");
    }

    private void count(String outcome) {
        meters.counter("recstream.stream.requests", "outcome", outcome.toLowerCase(Locale.ROOT)).increment();
    }
}

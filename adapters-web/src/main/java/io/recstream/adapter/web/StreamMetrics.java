package io.recstream.adapter.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.recstream.application.port.in.AccessDenial;
import io.recstream.application.port.in.Playback;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * {@code recstream.stream.requests{outcome}}: how plays are answered, with a small, fixed set of outcomes; and
 * {@code recstream.cache.lookups{result=hit|miss}} for the plays that looked for a cached recording; and
 * {@code recstream.stream.accepted}, the time of the {@code 202}s given on the fast path.
 */
@Component
class StreamMetrics {

    private final MeterRegistry meters;
    /** Meters are looked up once per outcome and per lookup result, not on every request. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Counter> lookups = new ConcurrentHashMap<>();

    private final Timer accepted;

    StreamMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.accepted = Timer.builder("recstream.stream.accepted")
                .description("Plays answered 202 ahead of the HTTP observation, from arrival to answer")
                .register(meters);
    }

    /**
     * A play answered {@code 202} on the fast path, from its arrival at the container; the HTTP observation times the
     * full path's, and sees none of these.
     */
    void accepted(long nanos) {
        accepted.record(nanos, TimeUnit.NANOSECONDS);
    }

    void served(RecordingResponder.Outcome outcome) {
        count(outcome.name());
        lookup("hit");
    }

    void answered(Playback playback) {
        if (playback instanceof Playback.Preparing || playback instanceof Playback.Streaming
                || playback instanceof Playback.ProviderUnavailable
                || playback instanceof Playback.TemporarilyUnavailable || playback instanceof Playback.Limited) {
            lookup("miss");
        }
        count(switch (playback) {
            case Playback.Ready ready -> "served";
            case Playback.Preparing preparing -> "preparing";
            case Playback.Streaming streaming -> "streaming";
            case Playback.Denied denied -> denied.reason() == AccessDenial.BUSINESS_FORBIDDEN ? "forbidden" : "not_found";
            case Playback.Expired expired -> "expired";
            case Playback.Unavailable unavailable -> "not_found";
            case Playback.ProviderUnavailable outage -> "unavailable";
            case Playback.TemporarilyUnavailable later -> "unavailable";
            case Playback.Limited limited -> "limited";
        });
    }

    /** A play refused because its user holds as many requests as allowed: limited, as by the download budget. */
    void heldRequestRefused() {
        count("limited");
    }

    void rangeRejected() {
        count("range_rejected");
    }

    private void lookup(String result) {
        lookups.computeIfAbsent(result, key -> meters.counter("recstream.cache.lookups", "result", result)).increment();
    }

    private void count(String outcome) {
        counters.computeIfAbsent(outcome, key -> meters.counter("recstream.stream.requests", "outcome",
                outcome.toLowerCase(Locale.ROOT))).increment();
    }
}

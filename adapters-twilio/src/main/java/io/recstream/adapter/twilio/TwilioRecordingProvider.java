package io.recstream.adapter.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Recording;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.recstream.application.port.out.ProviderAvailability;
import io.recstream.application.port.out.MediaSink;
import io.recstream.application.port.out.ProviderException;
import io.recstream.application.port.out.RecordingMetadata;
import io.recstream.application.port.out.RecordingProvider;
import io.recstream.domain.CallSid;
import io.recstream.domain.FailureCause;
import io.recstream.domain.RecordingSid;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Twilio as the recording provider: metadata through twilio-java, media streamed by {@link MediaDownloader}, every
 * call behind {@link TwilioGuard}'s retries, circuit breaker and bulkhead.
 */
public class TwilioRecordingProvider implements RecordingProvider, ProviderAvailability {

    /** The version segment of Twilio's REST paths: a name Twilio gave its API, not a time. */
    static final String API_VERSION = "2010-04-01";

    private final TwilioSettings settings;
    private final TwilioRestClient client;
    private final MediaDownloader media;
    private final TwilioGuard guard;

    public TwilioRecordingProvider(TwilioSettings settings, Clock clock) {
        this.settings = settings;
        this.guard = new TwilioGuard(settings.resilience(), clock);
        this.client = settings.hasCredentials()
                ? new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
                        .httpClient(new BaseUrlHttpClient(settings)).build()
                : null;
        this.media = settings.hasCredentials()
                ? new MediaDownloader(settings, settings.resilience().bulkhead().maxConcurrentDownloads())
                : null;
    }

    @Override
    public RecordingMetadata fetchMetadata(RecordingSid recordingSid) {
        return sdkCall(() -> toMetadata(Recording.fetcher(settings.accountSid(), recordingSid.value()).fetch(client)));
    }

    @Override
    public Optional<RecordingMetadata> findRecordingOfCall(CallSid callSid) {
        return sdkCall(() -> Recording.reader(settings.accountSid()).setCallSid(callSid.value()).setPageSize(20L)
                .firstPage(client).getRecords().stream()
                .max(Comparator.comparing(Recording::getDateCreated, Comparator.nullsFirst(Comparator.naturalOrder())))
                .map(TwilioRecordingProvider::toMetadata));
    }

    @Override
    public void downloadMedia(RecordingSid recordingSid, MediaSink sink) {
        requireCredentials();
        URI url = URI.create(settings.baseUrl() + "/" + API_VERSION + "/Accounts/" + settings.accountSid()
                + "/Recordings/" + recordingSid.value() + ".mp3");
        guard.download(() -> media.download(url, sink));
    }

    @Override
    public Optional<Duration> unavailableFor() {
        return guard.unavailableFor();
    }

    public CircuitBreakerRegistry circuitBreakers() {
        return guard.breakers();
    }

    /** Resilience4j's own meters of the guard: resilience4j_circuitbreaker_state, ..._retry_calls, ..._bulkhead_*. */
    public MeterBinder resilienceMeters() {
        return registry -> {
            TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(guard.breakers()).bindTo(registry);
            TaggedRetryMetrics.ofRetryRegistry(guard.retries()).bindTo(registry);
            TaggedBulkheadMetrics.ofBulkheadRegistry(guard.bulkheads()).bindTo(registry);
        };
    }

    private static RecordingMetadata toMetadata(Recording recording) {
        if (recording.getDateCreated() == null) {
            throw TwilioFailure.refused(FailureCause.PROVIDER_ERROR,
                    "recording " + recording.getSid() + " has no creation date");
        }
        return new RecordingMetadata(new RecordingSid(recording.getSid()),
                recording.getCallSid() == null ? null : new CallSid(recording.getCallSid()),
                recording.getDateCreated().toInstant(), availabilityOf(recording.getStatus()));
    }

    /** A status the SDK's enum doesn't know arrives as null: treat it as not ready yet, never as gone. */
    private static RecordingMetadata.Availability availabilityOf(Recording.Status status) {
        if (status == null) {
            return RecordingMetadata.Availability.PENDING;
        }
        return switch (status) {
            case COMPLETED -> RecordingMetadata.Availability.COMPLETED;
            case ABSENT, DELETED -> RecordingMetadata.Availability.GONE;
            default -> RecordingMetadata.Availability.PENDING;
        };
    }

    private void requireCredentials() {
        if (client == null) {
            throw new ProviderException(FailureCause.PROVIDER_ERROR,
                    "Twilio credentials are not configured (recstream.twilio.account-sid and auth-token)");
        }
    }

    private <T> T sdkCall(Supplier<T> request) {
        requireCredentials();
        return guard.call(() -> {
            try {
                return request.get();
            } catch (ApiConnectionException e) {
                throw TwilioFailure.unavailable("Twilio unreachable: " + e.getMessage(), null, e);
            } catch (ApiException e) {
                int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
                if (status == 404) {
                    throw TwilioFailure.refused(FailureCause.RECORDING_NOT_FOUND, "Twilio: " + e.getMessage());
                }
                if (TwilioFailure.isOutageStatus(status)) {
                    throw TwilioFailure.unavailable("Twilio answered " + status + ": " + e.getMessage(), null, e);
                }
                throw TwilioFailure.refused(FailureCause.PROVIDER_ERROR, "Twilio answered " + status + ": " + e.getMessage());
            } catch (TwilioException | IllegalArgumentException e) {
                throw TwilioFailure.refused(FailureCause.PROVIDER_ERROR, "unreadable answer from Twilio: " + e.getMessage());
            }
        });
    }
}

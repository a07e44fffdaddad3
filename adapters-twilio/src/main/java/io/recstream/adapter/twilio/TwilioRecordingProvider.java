package io.recstream.adapter.twilio;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Recording;
import io.recstream.application.port.out.ProviderException;
import io.recstream.application.port.out.RecordingMetadata;
import io.recstream.application.port.out.RecordingProvider;
import io.recstream.domain.CallSid;
import io.recstream.domain.FailureCause;
import io.recstream.domain.RecordingSid;
import java.io.OutputStream;
import java.net.URI;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Supplier;

/** Twilio as the recording provider: metadata through twilio-java, media streamed by {@link MediaDownloader}. */
public class TwilioRecordingProvider implements RecordingProvider {

    private final TwilioSettings settings;
    private final TwilioRestClient client;
    private final MediaDownloader media;

    public TwilioRecordingProvider(TwilioSettings settings) {
        this.settings = settings;
        this.client = settings.hasCredentials()
                ? new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
                        .httpClient(new BaseUrlHttpClient(settings)).build()
                : null;
        this.media = settings.hasCredentials() ? new MediaDownloader(settings) : null;
    }

    @Override
    public RecordingMetadata fetchMetadata(RecordingSid recordingSid) {
        Recording recording = call(() -> Recording.fetcher(settings.accountSid(), recordingSid.value()).fetch(client));
        return toMetadata(recording);
    }

    @Override
    public Optional<RecordingMetadata> findRecordingOfCall(CallSid callSid) {
        return call(() -> {
            var recordings = Recording.reader(settings.accountSid()).setCallSid(callSid.value()).setPageSize(20L)
                    .firstPage(client).getRecords();
            return recordings.stream()
                    .max(Comparator.comparing(Recording::getDateCreated, Comparator.nullsFirst(Comparator.naturalOrder())))
                    .map(TwilioRecordingProvider::toMetadata);
        });
    }

    @Override
    public void downloadMedia(RecordingSid recordingSid, OutputStream sink) {
        requireCredentials();
        media.download(URI.create(settings.baseUrl() + "/2010-04-01/Accounts/" + settings.accountSid()
                + "/Recordings/" + recordingSid.value() + ".mp3"), sink);
    }

    private static RecordingMetadata toMetadata(Recording recording) {
        if (recording.getDateCreated() == null) {
            throw new ProviderException(FailureCause.PROVIDER_ERROR, "recording " + recording.getSid() + " has no creation date");
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

    private <T> T call(Supplier<T> request) {
        requireCredentials();
        try {
            return request.get();
        } catch (ApiException e) {
            if (e.getStatusCode() != null && e.getStatusCode() == 404) {
                throw new ProviderException(FailureCause.RECORDING_NOT_FOUND, "Twilio: " + e.getMessage(), e);
            }
            throw new ProviderException(FailureCause.PROVIDER_ERROR, "Twilio answered " + e.getStatusCode() + ": "
                    + e.getMessage(), e);
        } catch (TwilioException | IllegalArgumentException e) {
            throw new ProviderException(FailureCause.PROVIDER_ERROR, "Twilio request failed: " + e.getMessage(), e);
        }
    }
}

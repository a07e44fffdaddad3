package io.recstream.application.service;

import io.recstream.application.port.in.CallRegistration;
import io.recstream.application.port.in.RegisterCallUseCase;
import io.recstream.application.port.in.RegistrationResult;
import io.recstream.application.port.in.RequestDownloadUseCase;
import io.recstream.application.port.out.CallDirectory;
import io.recstream.application.port.out.CallRecord;
import io.recstream.application.port.out.CallRecordUnavailableException;
import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.application.port.out.SharedStateUnavailableException;
import io.recstream.domain.Call;
import io.recstream.domain.DownloadReason;
import io.recstream.domain.DownloadState;
import io.recstream.domain.DownloadRequest;
import io.recstream.domain.DownloadStatus;
import io.recstream.domain.FactPosition;
import io.recstream.domain.ReadPosition;
import java.time.Clock;
import java.util.Optional;

public class RegisterCallService implements RegisterCallUseCase {

    private final CallDirectory calls;
    private final CallRecord record;
    private final DownloadStatusRepository statuses;
    private final RequestDownloadUseCase downloads;
    private final boolean prefetch;
    private final Clock clock;

    public RegisterCallService(CallDirectory calls, CallRecord record, DownloadStatusRepository statuses,
                               RequestDownloadUseCase downloads, boolean prefetch, Clock clock) {
        this.calls = calls;
        this.record = record;
        this.statuses = statuses;
        this.downloads = downloads;
        this.prefetch = prefetch;
        this.clock = clock;
    }

    /**
     * A fact the directory would refuse (another business owns the call) is not recorded: after compaction it would
     * be the call's latest registration, and a rebuild would hand the call to that business.
     */
    @Override
    public RegistrationResult report(CallRegistration registration) {
        Optional<RegistrationResult> refused = refusedByTheOwner(registration.facts());
        if (refused.isPresent()) {
            return refused.get();
        }
        FactPosition position;
        try {
            position = record.append(registration.facts());
        } catch (CallRecordUnavailableException e) {
            return new RegistrationResult.Unavailable();
        }
        RegistrationResult learnt = learn(
                new CallRegistration(registration.facts(), registration.recordingComplete(), position));
        // Recorded is registered: the directory takes the fact in from the record if it can't just now.
        return learnt instanceof RegistrationResult.Unavailable ? new RegistrationResult.Registered() : learnt;
    }

    @Override
    public RegistrationResult learn(CallRegistration registration) {
        Call facts = registration.facts();
        try {
            Call stored = calls.register(facts, registration.position(), registration.read());
            if (!stored.belongsTo(facts.business())) {
                return new RegistrationResult.Refused(stored.business());
            }
            if (facts.recordingSid() != null) {
                clearSupersededFailure(stored);
            }
        } catch (SharedStateUnavailableException e) {
            return new RegistrationResult.Unavailable();
        }
        if (prefetch && registration.recordingComplete() && !alreadyDownloaded(facts)) {
            // An optimisation: should the queue be unreachable, the first play requests the download again.
            downloads.requestDownload(new DownloadRequest(facts.sid(), facts.business(), facts.recordingSid(),
                    clock.instant(), DownloadReason.PREFETCH));
        }
        return new RegistrationResult.Registered();
    }

    @Override
    public Optional<ReadPosition> readFrom(String source, int partition) {
        try {
            if (!calls.isComplete()) {
                // It lost everything: the rebuild replays the whole record, and says how far it read.
                return Optional.empty();
            }
            return Optional.of(calls.readPosition(source, partition)
                    .orElseGet(() -> new ReadPosition(source, partition, 0)));
        } catch (SharedStateUnavailableException e) {
            return Optional.empty();
        }
    }

    /** The directory's own rule ({@link Call#absorb}) on what it holds; if it can't be read, the directory decides. */
    private Optional<RegistrationResult> refusedByTheOwner(Call facts) {
        try {
            return calls.find(facts.sid()).map(known -> known.absorb(facts))
                    .filter(absorbed -> !absorbed.belongsTo(facts.business()))
                    .map(owned -> new RegistrationResult.Refused(owned.business()));
        } catch (SharedStateUnavailableException e) {
            return Optional.empty();
        }
    }

    /** A replayed callback (Twilio's retry, or a replay of a signed one) costs no download once the recording is in. */
    private boolean alreadyDownloaded(Call call) {
        try {
            return statuses.find(call.sid()).map(DownloadStatus::state).filter(DownloadState.READY::equals).isPresent();
        } catch (SharedStateUnavailableException e) {
            return false;
        }
    }

    /** A recording reported after a download failed for want of one: the next play requests it anew. */
    private void clearSupersededFailure(Call call) {
        if (statuses.find(call.sid()).filter(DownloadStatus::isSupersededByNewFacts).isPresent()) {
            statuses.clear(call.sid());
        }
    }
}

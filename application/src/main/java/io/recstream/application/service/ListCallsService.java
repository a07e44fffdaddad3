package io.recstream.application.service;

import io.recstream.application.port.in.AccessDenial;
import io.recstream.application.port.in.CallListResult;
import io.recstream.application.port.in.ListCallsQuery;
import io.recstream.application.port.in.ListCallsUseCase;
import io.recstream.application.port.in.ListedCall;
import io.recstream.application.port.in.Unavailability;
import io.recstream.application.port.out.CallDirectory;
import io.recstream.application.port.out.CallPage;
import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.application.port.out.RecordingStore;
import io.recstream.application.port.out.RecordingStoreException;
import io.recstream.application.port.out.SharedStateUnavailableException;
import io.recstream.domain.RetentionPolicy;
import io.recstream.application.port.in.RecordingStatusView;
import java.time.Clock;
import java.util.List;
import java.util.stream.IntStream;

public class ListCallsService implements ListCallsUseCase {

    private final CallDirectory calls;
    private final RecordingStatusReader reader;

    public ListCallsService(CallDirectory calls, RecordingStore store, DownloadStatusRepository statuses,
                            RetentionPolicy retention, Clock clock) {
        this.calls = calls;
        this.reader = new RecordingStatusReader(store, statuses, retention, clock);
    }

    @Override
    public CallListResult listCalls(ListCallsQuery query) {
        if (!query.viewer().mayActFor(query.business())) {
            return new CallListResult.Denied(AccessDenial.BUSINESS_FORBIDDEN);
        }
        try {
            CallPage page = calls.listCalls(query.business(), query.filter(), query.limit(), query.before());
            List<RecordingStatusView> views = reader.viewsOf(page.calls());
            return new CallListResult.Listed(IntStream.range(0, views.size())
                    .mapToObj(i -> new ListedCall(page.calls().get(i), views.get(i))).toList(), page.next());
        } catch (SharedStateUnavailableException e) {
            return new CallListResult.Unavailable(Unavailability.SHARED_STATE);
        } catch (RecordingStoreException e) {
            return new CallListResult.Unavailable(Unavailability.STORAGE);
        }
    }
}

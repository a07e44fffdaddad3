package io.recstream.application.testing;

import io.recstream.application.port.out.DownloadQueue;
import io.recstream.application.port.out.DownloadQueueUnavailableException;
import io.recstream.domain.DownloadRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what was queued; can be made unreachable. */
public final class RecordingDownloadQueue implements DownloadQueue {

    private final List<DownloadRequest> queued = new CopyOnWriteArrayList<>();
    private volatile boolean unreachable;

    @Override
    public void enqueue(DownloadRequest request) {
        if (unreachable) {
            throw new DownloadQueueUnavailableException("queue unreachable (test)", null);
        }
        queued.add(request);
    }

    public void makeUnreachable(boolean value) {
        this.unreachable = value;
    }

    public List<DownloadRequest> queued() {
        return List.copyOf(queued);
    }
}

package io.recstream.application.testing;

import io.recstream.application.port.out.DownloadEvents;
import io.recstream.domain.DownloadOutcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

public final class RecordingDownloadEvents implements DownloadEvents {

    private final List<DownloadOutcome> published = new CopyOnWriteArrayList<>();

    @Override
    public void publish(DownloadOutcome outcome) {
        published.add(outcome);
    }

    public List<DownloadOutcome> published() {
        return List.copyOf(published);
    }
}

package io.recstream.bootstrap;

import io.recstream.adapter.storage.FileSystemRecordingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Removes the half-written temporary files of workers that died mid-download, at start and then every minute. */
@Component
class StaleTempFileSweeper {

    private static final Logger log = LoggerFactory.getLogger(StaleTempFileSweeper.class);

    private final FileSystemRecordingStore store;
    private final RecstreamProperties properties;

    StaleTempFileSweeper(FileSystemRecordingStore store, RecstreamProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${recstream.storage.sweep-interval:1m}")
    void sweep() {
        try {
            int removed = store.removeStaleTempFiles(properties.storage().staleTempAfter());
            if (removed > 0) {
                log.info("removed {} stale temporary recording files from {}", removed, store.directory());
            }
        } catch (RuntimeException e) {
            log.warn("could not sweep stale temporary files: {}", e.getMessage());
        }
    }
}

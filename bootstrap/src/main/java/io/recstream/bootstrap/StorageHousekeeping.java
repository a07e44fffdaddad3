package io.recstream.bootstrap;

import io.recstream.adapter.storage.StorageUpkeep;
import io.recstream.application.port.in.MaintainCacheUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the recordings store healthy: removes the temporary files of workers that died mid-download and keeps this
 * instance's play cache within its budget (every instance), and deletes recordings past the retention (one instance
 * at a time).
 */
class StorageHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(StorageHousekeeping.class);

    private final StorageUpkeep upkeep;
    private final MaintainCacheUseCase maintainCache;
    private final RecstreamProperties properties;

    StorageHousekeeping(StorageUpkeep upkeep, MaintainCacheUseCase maintainCache,
                        RecstreamProperties properties) {
        this.upkeep = upkeep;
        this.maintainCache = maintainCache;
        this.properties = properties;
    }

    /** Every {@code recstream.storage.sweep-interval} (see {@link HousekeepingSchedule}). */
    void sweep() {
        try {
            int removed = upkeep.removeStaleTempFiles(properties.storage().staleTempAfter());
            if (removed > 0) {
                log.info("removed {} stale temporary recording files from {}", removed, upkeep.describe());
            }
        } catch (RuntimeException e) {
            log.warn("storage upkeep failed, will try again: {}", e.getMessage());
        }
        try {
            MaintainCacheUseCase.Report report = maintainCache.maintain();
            if (report.expired() > 0 || report.evicted() > 0) {
                log.info("recordings: {} expired deleted; play cache: {} least recently played evicted (budget {})",
                        report.expired(), report.evicted(), properties.storage().maxSize());
            }
        } catch (RuntimeException e) {
            log.warn("storage housekeeping failed, will try again: {}", e.getMessage());
        }
    }
}

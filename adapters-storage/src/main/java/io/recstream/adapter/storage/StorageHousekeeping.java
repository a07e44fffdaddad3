package io.recstream.adapter.storage;

import io.recstream.application.port.in.MaintainCacheUseCase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the recordings store healthy: removes the temporary files of workers that died mid-download and keeps this
 * instance's play cache within its budget (every instance), and deletes recordings past the retention (one instance
 * at a time). What runs it, and how often, is the application's wiring.
 */
public class StorageHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(StorageHousekeeping.class);

    private final StorageUpkeep upkeep;
    private final MaintainCacheUseCase maintainCache;
    private final Duration staleTempAfter;
    private final String budget;

    /**
     * @param staleTempAfter how long a temporary file may stay untouched before it counts as a dead writer's
     * @param budget         the play cache's budget as configured, for the log
     */
    public StorageHousekeeping(StorageUpkeep upkeep, MaintainCacheUseCase maintainCache, Duration staleTempAfter,
                               String budget) {
        this.upkeep = upkeep;
        this.maintainCache = maintainCache;
        this.staleTempAfter = staleTempAfter;
        this.budget = budget;
    }

    /** One sweep; failures are logged and left to the next. */
    public void sweep() {
        try {
            int removed = upkeep.removeStaleTempFiles(staleTempAfter);
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
                        report.expired(), report.evicted(), budget);
            }
        } catch (RuntimeException e) {
            log.warn("storage housekeeping failed, will try again: {}", e.getMessage());
        }
    }
}

package io.recstream.bootstrap;

import io.recstream.application.port.in.RebuildCallDirectoryUseCase;
import io.recstream.application.port.in.RebuildCallDirectoryUseCase.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices within seconds that Redis lost the call directory (a restart without persistence, a failover, FLUSHALL)
 * and has it rebuilt from Kafka, by whichever instance gets there first; plays meanwhile answer 503, never 404.
 */
class CallDirectoryKeeper {

    private static final Logger log = LoggerFactory.getLogger(CallDirectoryKeeper.class);

    private final RebuildCallDirectoryUseCase rebuild;
    private Outcome last = Outcome.COMPLETE;

    CallDirectoryKeeper(RebuildCallDirectoryUseCase rebuild) {
        this.rebuild = rebuild;
    }

    /** Every {@code recstream.calls.check-interval} (see {@link HousekeepingSchedule}). */
    void check() {
        Outcome outcome = rebuild.rebuildIfLost();
        if (outcome != last) {
            switch (outcome) {
                case REBUILT -> log.warn("the call directory was lost in Redis and is rebuilt from Kafka");
                case REBUILDING_ELSEWHERE -> log.warn("the call directory was lost in Redis; another instance rebuilds it");
                case INTERRUPTED -> log.warn("the call directory can't be checked or rebuilt now; trying again");
                case COMPLETE -> log.info("the call directory is complete");
            }
        }
        last = outcome;
    }
}

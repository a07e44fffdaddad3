package io.recstream.application.port.in;

/** Brings the call directory back from the record when it was lost. Safe to call often, on every instance. */
public interface RebuildCallDirectoryUseCase {

    enum Outcome {
        /** Nothing was lost. */
        COMPLETE,
        /** Rebuilt from the record by this instance. */
        REBUILT,
        /** Another instance is rebuilding it. */
        REBUILDING_ELSEWHERE,
        /** Could not finish now (shared state or the record unreachable, or lost again meanwhile): try again later. */
        INTERRUPTED
    }

    Outcome rebuildIfLost();
}

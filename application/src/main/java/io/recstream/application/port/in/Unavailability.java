package io.recstream.application.port.in;

/** What recstream could not reach to answer a request: each is a passing condition, worth a retry. */
public enum Unavailability {
    /** The download queue (Kafka) could not take the command. */
    DOWNLOAD_QUEUE,
    /** The shared state (the call directory, job statuses, locks) is unreachable, or being rebuilt. */
    SHARED_STATE,
    /** recstream's own recordings store could not be read or written. */
    STORAGE
}

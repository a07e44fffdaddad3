package io.recstream.application.port.out;

import java.util.Optional;

/** Lets one instance of many run a named task at a time (housekeeping that must not run twice at once). */
public interface ClusterLock {

    Optional<LockLease> tryAcquire(String task);
}

package io.recstream.application.port.out;

/** A held lock. Only its holder can release it. */
public interface LockLease extends AutoCloseable {

    /** Whether the lease is still this holder's (it may have expired while the holder stalled). */
    boolean isHeld();

    /** Releases the lock if this lease still holds it; never releases another holder's. */
    @Override
    void close();
}

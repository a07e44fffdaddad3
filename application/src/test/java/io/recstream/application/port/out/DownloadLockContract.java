package io.recstream.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.application.testing.TestIds;
import io.recstream.domain.CallSid;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link DownloadLock} must do; each implementation's test extends this. */
public abstract class DownloadLockContract {

    protected abstract DownloadLock lock();

    @Test
    void freeLock_isAcquired_andThenHeld() {
        try (LockLease lease = lock().tryAcquire(TestIds.aCallSid()).orElseThrow()) {
            assertThat(lease.isHeld()).isTrue();
        }
    }

    @Test
    void heldLock_cannotBeAcquiredByAnother() {
        CallSid sid = TestIds.aCallSid();
        try (LockLease first = lock().tryAcquire(sid).orElseThrow()) {
            assertThat(lock().tryAcquire(sid)).isEmpty();
            assertThat(first.isHeld()).isTrue();
        }
    }

    @Test
    void releasedLock_canBeAcquiredAgain_andTheOldLeaseIsNoLongerHeld() {
        CallSid sid = TestIds.aCallSid();
        LockLease first = lock().tryAcquire(sid).orElseThrow();
        first.close();

        assertThat(first.isHeld()).isFalse();
        try (LockLease second = lock().tryAcquire(sid).orElseThrow()) {
            assertThat(second.isHeld()).isTrue();
        }
    }

    @Test
    void closingAStaleLease_doesNotReleaseTheNewHolder() {
        CallSid sid = TestIds.aCallSid();
        LockLease first = lock().tryAcquire(sid).orElseThrow();
        first.close();
        LockLease second = lock().tryAcquire(sid).orElseThrow();

        first.close();

        assertThat(second.isHeld()).isTrue();
        assertThat(lock().tryAcquire(sid)).isEmpty();
        second.close();
    }

    @Test
    void locksOfDifferentRecordings_areIndependent() {
        Optional<LockLease> a = lock().tryAcquire(TestIds.aCallSid());
        Optional<LockLease> b = lock().tryAcquire(TestIds.aCallSid());
        assertThat(a).isPresent();
        assertThat(b).isPresent();
        a.get().close();
        b.get().close();
    }
}

package io.recstream.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link ClusterLock} must do; each implementation's test extends this. */
public abstract class ClusterLockContract {

    protected abstract ClusterLock lock();

    /** The same lock as another instance of recstream sees it. */
    protected abstract ClusterLock anotherInstance();

    private static String aTask() {
        return "task-" + UUID.randomUUID();
    }

    @Test
    void aTask_isRunByOneHolderAtATime_acrossInstances() {
        String task = aTask();
        try (LockLease held = lock().tryAcquire(task).orElseThrow()) {
            assertThat(held.isHeld()).isTrue();
            assertThat(anotherInstance().tryAcquire(task)).isEmpty();
            assertThat(lock().tryAcquire(task)).isEmpty();
        }
        try (LockLease next = anotherInstance().tryAcquire(task).orElseThrow()) {
            assertThat(next.isHeld()).isTrue();
        }
    }

    @Test
    void differentTasks_areLockedApart() {
        try (LockLease first = lock().tryAcquire(aTask()).orElseThrow();
             LockLease second = anotherInstance().tryAcquire(aTask()).orElseThrow()) {
            assertThat(first.isHeld()).isTrue();
            assertThat(second.isHeld()).isTrue();
        }
    }

    @Test
    void aReleasedLease_isNoLongerHeld_andReleasingTwiceIsHarmless() {
        String task = aTask();
        LockLease lease = lock().tryAcquire(task).orElseThrow();
        lease.close();
        assertThat(lease.isHeld()).isFalse();
        try (LockLease next = anotherInstance().tryAcquire(task).orElseThrow()) {
            lease.close();
            assertThat(next.isHeld()).as("an old holder never releases the new one's lock").isTrue();
        }
    }
}

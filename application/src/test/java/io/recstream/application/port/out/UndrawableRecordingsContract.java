package io.recstream.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.application.testing.TestIds;
import io.recstream.domain.CallSid;
import org.junit.jupiter.api.Test;

/** What every {@link UndrawableRecordings} promises. */
public abstract class UndrawableRecordingsContract {

    protected abstract UndrawableRecordings memory();

    @Test
    void aRememberedRecording_isContained_andNoOther() {
        CallSid undrawable = TestIds.aCallSid();
        CallSid other = TestIds.aCallSid();

        memory().remember(undrawable);

        assertThat(memory().contains(undrawable)).isTrue();
        assertThat(memory().contains(other)).isFalse();
    }

    @Test
    void rememberingTwice_isRememberingOnce() {
        CallSid undrawable = TestIds.aCallSid();

        memory().remember(undrawable);
        memory().remember(undrawable);

        assertThat(memory().contains(undrawable)).isTrue();
    }
}

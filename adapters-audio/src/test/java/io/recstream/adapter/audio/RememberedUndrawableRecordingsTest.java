package io.recstream.adapter.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.application.port.out.UndrawableRecordings;
import io.recstream.application.port.out.UndrawableRecordingsContract;
import io.recstream.application.testing.TestIds;
import org.junit.jupiter.api.Test;

/** The instance's memory of undrawable recordings passes the port's contract, and stays within its bound. */
class RememberedUndrawableRecordingsTest extends UndrawableRecordingsContract {

    private final RememberedUndrawableRecordings memory = new RememberedUndrawableRecordings();

    @Override
    protected UndrawableRecordings memory() {
        return memory;
    }

    @Test
    void aCrowdOfBrokenRecordings_isRememberedWithinTheBound() {
        RememberedUndrawableRecordings bounded = new RememberedUndrawableRecordings(100);

        for (int i = 0; i < 1_000; i++) {
            bounded.remember(TestIds.aCallSid());
        }

        assertThat(bounded.size()).isLessThanOrEqualTo(100);
    }
}

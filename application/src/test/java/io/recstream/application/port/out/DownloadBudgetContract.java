package io.recstream.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.application.testing.TestIds;
import io.recstream.domain.BusinessId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What every {@link DownloadBudget} must do; each implementation's test extends this. */
public abstract class DownloadBudgetContract {

    protected static final int CAPACITY = 3;
    protected static final Duration WINDOW = Duration.ofSeconds(60);

    /** A budget of {@link #CAPACITY} per {@link #WINDOW}. */
    protected abstract DownloadBudget budget();

    /** The same budget as another instance sees it. */
    protected abstract DownloadBudget anotherInstance();

    @Test
    void aBusiness_takesItsCapacity_acrossInstances_andIsThenToldHowLongToWait() {
        BusinessId business = TestIds.aBusiness();
        assertThat(budget().tryTake(business)).isEmpty();
        assertThat(anotherInstance().tryTake(business)).isEmpty();
        assertThat(budget().tryTake(business)).isEmpty();

        assertThat(anotherInstance().tryTake(business)).hasValueSatisfying(wait ->
                assertThat(wait).isPositive().isLessThanOrEqualTo(WINDOW.dividedBy(CAPACITY)));
    }

    @Test
    void businesses_haveBudgetsOfTheirOwn() {
        BusinessId busy = TestIds.aBusiness();
        for (int i = 0; i < CAPACITY; i++) {
            budget().tryTake(busy);
        }
        assertThat(budget().tryTake(busy)).isPresent();
        assertThat(budget().tryTake(TestIds.aBusiness())).isEmpty();
    }
}

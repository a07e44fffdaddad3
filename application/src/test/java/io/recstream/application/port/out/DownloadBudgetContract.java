package io.recstream.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.recstream.application.testing.TestIds;
import io.recstream.domain.BusinessId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link DownloadBudget} must do; each implementation's test extends this. */
public abstract class DownloadBudgetContract {

    protected static final int CAPACITY = 3;
    protected static final Duration WINDOW = Duration.ofSeconds(60);

    /** A budget of {@link #CAPACITY} per {@link #WINDOW}. */
    protected abstract DownloadBudget budget();

    /** The same budget as another instance sees it. */
    protected abstract DownloadBudget anotherInstance();

    /** A budget of {@code capacity} per {@code window}, timed by the real clock. */
    protected abstract DownloadBudget budgetOf(int capacity, Duration window);

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

    @Test
    void aSpentBudget_refillsAtItsRate_andNeverPastItsCapacity() {
        Duration window = Duration.ofMillis(600);
        DownloadBudget quick = budgetOf(2, window);
        BusinessId business = TestIds.aBusiness();
        assertThat(quick.tryTake(business)).isEmpty();
        assertThat(quick.tryTake(business)).isEmpty();
        assertThat(quick.tryTake(business)).hasValueSatisfying(wait ->
                assertThat(wait).isPositive().isLessThanOrEqualTo(window.dividedBy(2)));

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> quick.tryTake(business).isEmpty());

        // Left alone for three windows, it holds its capacity, not three windows' worth.
        await().pollDelay(window.multipliedBy(3)).atMost(window.multipliedBy(4)).until(() -> true);
        assertThat(quick.tryTake(business)).isEmpty();
        assertThat(quick.tryTake(business)).isEmpty();
        assertThat(quick.tryTake(business)).isPresent();
    }

    @Test
    void takesAtOnceFromEveryInstance_neverGetMoreThanTheCapacity() throws Exception {
        BusinessId business = TestIds.aBusiness();
        List<DownloadBudget> instances = List.of(budget(), anotherInstance());
        try (ExecutorService takers = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> takes = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                DownloadBudget instance = instances.get(i % 2);
                takes.add(takers.submit(() -> instance.tryTake(business).isEmpty()));
            }
            int taken = 0;
            for (Future<Boolean> take : takes) {
                taken += take.get() ? 1 : 0;
            }
            assertThat(taken).isEqualTo(CAPACITY);
        }
    }
}

package io.recstream.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HeldRequestsTest {

    private final HeldRequests held = new HeldRequests(2);
    private final AtomicInteger refused = new AtomicInteger();

    @Test
    void aUser_holdsAsManyAsAllowed_thenIsRefusedWith429_whileOthersAreNot() {
        HeldRequests.Permit first = held.tryHold("agent-1").orElseThrow();
        HeldRequests.Permit second = held.tryHold("agent-1").orElseThrow();

        assertThat(held.tryHold("agent-1")).isEmpty();
        assertThatThrownBy(() -> held.holding("agent-1", () -> "answered", refused::incrementAndGet))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.problem()).isEqualTo(ProblemCode.TOO_MANY_REQUESTS);
                    assertThat(problem.headers().getFirst("Retry-After")).isEqualTo("2");
                });
        assertThat(refused).as("told of the refusal").hasValue(1);
        assertThat(held.holding("agent-2", () -> "answered", refused::incrementAndGet)).isEqualTo("answered");

        first.close();
        assertThat(held.holding("agent-1", () -> "answered", refused::incrementAndGet)).as("a place freed")
                .isEqualTo("answered");
        assertThat(refused).as("only refusals are told").hasValue(1);
        second.close();
    }

    @Test
    void aPlace_isFreed_evenWhenTheRequestFails() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> held.holding("agent-1", () -> {
                throw new IllegalStateException("boom");
            }, refused::incrementAndGet)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(held.tryHold("agent-1")).isPresent();
    }
}

package io.recstream.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeldRequestsTest {

    private final HeldRequests held = new HeldRequests(2);

    @Test
    void aUser_holdsAsManyAsAllowed_thenIsRefusedWith429_whileOthersAreNot() {
        HeldRequests.Permit first = held.tryHold("agent-1").orElseThrow();
        HeldRequests.Permit second = held.tryHold("agent-1").orElseThrow();

        assertThat(held.tryHold("agent-1")).isEmpty();
        assertThatThrownBy(() -> held.holding("agent-1", () -> "answered"))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.problem()).isEqualTo(ProblemCode.TOO_MANY_REQUESTS);
                    assertThat(problem.headers().getFirst("Retry-After")).isEqualTo("2");
                });
        assertThat(held.holding("agent-2", () -> "answered")).isEqualTo("answered");

        first.close();
        assertThat(held.holding("agent-1", () -> "answered")).as("a place freed").isEqualTo("answered");
        second.close();
    }

    @Test
    void aPlace_isFreed_evenWhenTheRequestFails() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> held.holding("agent-1", () -> {
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class);
        }
        assertThat(held.tryHold("agent-1")).isPresent();
    }
}

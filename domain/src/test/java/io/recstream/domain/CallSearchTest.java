package io.recstream.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallSearchTest {

    private static final String SID = "CA0123456789abcdef0123456789abcdef";

    private static Call call(String from, String to) {
        return Call.identifiedBy(new CallSid(SID), new BusinessId("acme"))
                .withDetails(new CallDetails(Direction.INBOUND, from, to, Instant.now(), 60));
    }

    @Test
    void aNumberMatches_inAnyFormatting_byItsEnd_onEitherSide() {
        Call call = call("+972500000007", "+97231234567");

        assertThat(CallSearch.parse("+972-50-000-0007").matches(call)).isTrue();
        assertThat(CallSearch.parse("050-000-0007").matches(call)).as("national, with its trunk 0").isTrue();
        assertThat(CallSearch.parse("0007").matches(call)).isTrue();
        assertThat(CallSearch.parse("00972 50 000 0007").matches(call)).as("with an international prefix").isTrue();
        assertThat(CallSearch.parse("(03) 123-4567").matches(call)).as("the other side").isTrue();
        assertThat(CallSearch.parse("0008").matches(call)).isFalse();
        assertThat(CallSearch.parse("5000000070").matches(call)).as("not an ending").isFalse();
    }

    @Test
    void aSidPrefix_ofAtLeastEightCharacters_matches_inEitherCase() {
        Call call = call("+15550000001", "+15550000002");

        assertThat(CallSearch.parse("CA012345").matches(call)).isTrue();
        assertThat(CallSearch.parse("ca0123456789ABCDEF").matches(call)).isTrue();
        assertThat(CallSearch.parse(SID).matches(call)).isTrue();
        assertThat(CallSearch.parse("CA012346").matches(call)).isFalse();
    }

    @Test
    void tooLittleToGoOn_isRefused() {
        assertThatThrownBy(() -> CallSearch.parse("007")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallSearch.parse("+1-2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallSearch.parse("CA01234")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallSearch.parse("CA0123zz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallSearch.parse("")).isInstanceOf(IllegalArgumentException.class);
    }
}

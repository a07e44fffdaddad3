package io.recstream.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

    @Test
    void wellFormedIdentifiers_areAccepted() {
        assertThat(new CallSid("CA" + "0123456789abcdef0123456789ABCDEF").value()).startsWith("CA");
        assertThat(new RecordingSid("RE" + "0123456789abcdef0123456789abcdef").value()).startsWith("RE");
        assertThat(new BusinessId("acme_1-2").value()).isEqualTo("acme_1-2");
        assertThat(new BusinessId("x".repeat(64)).value()).hasSize(64);
        assertThat(new BusinessId("Z").value()).isEqualTo("Z");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "CA123", "RE0123456789abcdef0123456789abcdef", "CA0123456789abcdef0123456789abcdeg",
            "CA0123456789abcdef0123456789abcdef0", "../CA0123456789abcdef0123456789abcd",
            "ca0123456789abcdef0123456789abcdef", "CA0123456789abcdef0123456789abcde\u0663"})
    void malformedCallSid_isRejectedAndSaysWhich(String value) {
        assertThatThrownBy(() -> new CallSid(value))
                .isInstanceOfSatisfying(InvalidIdentifierException.class,
                        e -> assertThat(e.kind()).isEqualTo(InvalidIdentifierException.Kind.CALL_SID));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "b/1", "ü", "\u0661\u0662", "a.b",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void malformedBusinessId_isRejected(String value) {
        assertThatThrownBy(() -> new BusinessId(value))
                .isInstanceOfSatisfying(InvalidIdentifierException.class,
                        e -> assertThat(e.kind()).isEqualTo(InvalidIdentifierException.Kind.BUSINESS_ID));
    }

    @Test
    void longMalformedValue_isNotEchoedWhole() {
        String huge = "CA" + "z".repeat(10_000);
        assertThatThrownBy(() -> new CallSid(huge)).hasMessageNotContaining("z".repeat(100));
    }

    @Test
    void malformedRecordingSid_isRejected() {
        assertThatThrownBy(() -> new RecordingSid("CA0123456789abcdef0123456789abcdef"))
                .isInstanceOfSatisfying(InvalidIdentifierException.class,
                        e -> assertThat(e.kind()).isEqualTo(InvalidIdentifierException.Kind.RECORDING_SID));
    }
}

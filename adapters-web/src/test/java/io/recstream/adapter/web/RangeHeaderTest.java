package io.recstream.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RangeHeaderTest {

    private static final long LENGTH = 1000;

    private static List<ByteRange> satisfiable(String header) {
        RangeHeader parsed = RangeHeader.parse(header, LENGTH);
        assertThat(parsed).isInstanceOf(RangeHeader.Satisfiable.class);
        return ((RangeHeader.Satisfiable) parsed).ranges();
    }

    @Test
    void closedOpenAndSuffixRanges_resolveAgainstTheLength() {
        assertThat(satisfiable("bytes=0-1")).containsExactly(new ByteRange(0, 1));
        assertThat(satisfiable("bytes=500-")).containsExactly(new ByteRange(500, 999));
        assertThat(satisfiable("bytes=-100")).containsExactly(new ByteRange(900, 999));
        assertThat(satisfiable("bytes=990-5000")).containsExactly(new ByteRange(990, 999));
        assertThat(satisfiable("bytes=-5000")).containsExactly(new ByteRange(0, 999));
        assertThat(satisfiable("BYTES = 1-2".replace(" = ", "="))).containsExactly(new ByteRange(1, 2));
    }

    @Test
    void severalRanges_keepTheirOrder_andUnsatisfiableOnesAreDropped() {
        assertThat(satisfiable("bytes=10-19, 0-4, 5000-6000")).containsExactly(new ByteRange(10, 19), new ByteRange(0, 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=2000-3000", "bytes=-0", "bytes=0-9,5-20", "bytes=0-5,5-9",
            "bytes=0-0,1-1,2-2,3-3,4-4,5-5,6-6,7-7,8-8,9-9,10-10,11-11,12-12,13-13,14-14,15-15,16-16"})
    void unsatisfiableOverlappingOrTooManyRanges_areRejected(String header) {
        assertThat(RangeHeader.parse(header, LENGTH)).isInstanceOf(RangeHeader.Unsatisfiable.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bytes", "items=0-1", "bytes=abc", "bytes=5-1", "bytes=-", "bytes=1-2-3", "bytes=+1-2",
            "bytes=0-1,", "bytes=0x10-20"})
    void malformedRanges_areIgnored(String header) {
        assertThat(RangeHeader.parse(header, LENGTH)).isInstanceOf(RangeHeader.Ignored.class);
    }

    @Test
    void hugeNumbers_doNotOverflow() {
        assertThat(satisfiable("bytes=0-99999999999999999999999")).containsExactly(new ByteRange(0, 999));
        assertThat(RangeHeader.parse("bytes=99999999999999999999999-", LENGTH)).isInstanceOf(RangeHeader.Unsatisfiable.class);
    }
}

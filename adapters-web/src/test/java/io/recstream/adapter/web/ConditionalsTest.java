package io.recstream.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.tomcat.util.http.FastHttpDateFormat;
import org.junit.jupiter.api.Test;

class ConditionalsTest {

    private static final String ETAG = "\"abc-123\"";
    private static final Instant MODIFIED = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(750);

    /** As the container writes {@code Last-Modified}. */
    private static String httpDate(Instant instant) {
        return FastHttpDateFormat.formatDate(instant.toEpochMilli());
    }

    @Test
    void ifNoneMatch_usesWeakComparison_andStar() {
        assertThat(Conditionals.notModified(ETAG, null, ETAG, MODIFIED)).isTrue();
        assertThat(Conditionals.notModified("W/" + ETAG, null, ETAG, MODIFIED)).isTrue();
        assertThat(Conditionals.notModified("\"other\", " + ETAG, null, ETAG, MODIFIED)).isTrue();
        assertThat(Conditionals.notModified("*", null, ETAG, MODIFIED)).isTrue();
        assertThat(Conditionals.notModified("\"other\"", null, ETAG, MODIFIED)).isFalse();
        assertThat(Conditionals.notModified("\t\"other\" ,W/" + ETAG + " ,", null, ETAG, MODIFIED)).isTrue();
        assertThat(Conditionals.notModified(" * ", null, ETAG, MODIFIED)).isTrue();
        assertThat(Conditionals.notModified(ETAG.substring(0, ETAG.length() - 1) + ", W/", null, ETAG, MODIFIED))
                .as("a tag cut short").isFalse();
        assertThat(Conditionals.notModified(ETAG + "x, , **", null, ETAG, MODIFIED)).as("a tag run on").isFalse();
    }

    @Test
    void ifModifiedSince_countsWholeSeconds_andYieldsToIfNoneMatch() {
        String sameSecond = httpDate(MODIFIED);
        assertThat(Conditionals.notModified(null, sameSecond, ETAG, MODIFIED)).isTrue();
        assertThat(Conditionals.notModified(null, httpDate(MODIFIED.minusSeconds(1)), ETAG, MODIFIED)).isFalse();
        assertThat(Conditionals.notModified("\"other\"", sameSecond, ETAG, MODIFIED)).isFalse();
        assertThat(Conditionals.notModified(null, "not a date", ETAG, MODIFIED)).isFalse();
    }

    @Test
    void ifRange_holdsOnlyForTheCurrentStrongEtag() {
        assertThat(Conditionals.rangeStillValid(null, ETAG)).isTrue();
        assertThat(Conditionals.rangeStillValid(ETAG, ETAG)).isTrue();
        assertThat(Conditionals.rangeStillValid("W/" + ETAG, ETAG)).isFalse();
        assertThat(Conditionals.rangeStillValid(httpDate(MODIFIED), ETAG)).isFalse();
        assertThat(Conditionals.rangeStillValid("\"old\"", ETAG)).isFalse();
    }
}

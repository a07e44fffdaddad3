package io.recstream.domain;

import java.util.Objects;

/**
 * Where a fact stands in the record it came from: facts about one call from one source are ordered by their
 * sequence, so a fact is taken in once, and an older one never over a newer one (as a replay would otherwise do).
 *
 * @param source   the record, e.g. the calls topic or recstream's own registrations
 * @param sequence the fact's place in that record for its call; greater is newer
 */
public record FactPosition(String source, long sequence) {

    public FactPosition {
        Objects.requireNonNull(source, "source");
        if (source.isBlank() || sequence < 0) {
            throw new IllegalArgumentException("a position has a source and a sequence of at least 0");
        }
    }
}

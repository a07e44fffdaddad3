package io.recstream.domain;

import java.util.Objects;

/**
 * How far the reader of a record has taken its facts in, in one of its partitions: the next fact to read. Kept with
 * the facts themselves, so that whatever of them is lost is found again by reading from there.
 *
 * @param source    the record, e.g. the calls topic or recstream's own registrations
 * @param partition one partition of that record
 * @param next      the place of the next fact to take in
 */
public record ReadPosition(String source, int partition, long next) {

    public ReadPosition {
        Objects.requireNonNull(source, "source");
        if (source.isBlank() || partition < 0 || next < 0) {
            throw new IllegalArgumentException("a read position has a source, a partition and a place of at least 0");
        }
    }
}

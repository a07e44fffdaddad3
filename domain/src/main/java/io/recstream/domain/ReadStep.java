package io.recstream.domain;

import java.util.Objects;

/**
 * A reader of a record took in the facts of one partition from one place up to the next: the position it kept moves
 * on only if it had come as far as {@code from}. A position behind that lost the facts in between (Redis restored
 * from an older snapshot): moving it past them would hide the gap, which is then read again from there instead.
 *
 * @param source    the record, e.g. the calls topic or recstream's own registrations
 * @param partition one partition of that record
 * @param from      where the reader was before these facts (a compacted record skips places: it is not next - 1)
 * @param next      the place of the next fact to take in
 */
public record ReadStep(String source, int partition, long from, long next) {

    public ReadStep {
        Objects.requireNonNull(source, "source");
        if (source.isBlank() || partition < 0 || from < 0 || next <= from) {
            throw new IllegalArgumentException("a read step has a source, a partition, and goes forward from 0 on");
        }
    }

    /** Where the reader is once it took the facts in. */
    public ReadPosition position() {
        return new ReadPosition(source, partition, next);
    }
}

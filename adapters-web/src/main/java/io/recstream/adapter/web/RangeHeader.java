package io.recstream.adapter.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The meaning of a {@code Range} header for a representation of a known length (RFC 9110 section 14): either ignore
 * it (absent or malformed: serve the whole), the satisfiable ranges to serve, or reject it (nothing satisfiable, or
 * abusive: too many or overlapping ranges, which could multiply the work of one request).
 */
sealed interface RangeHeader {

    int MAX_RANGES = 16;

    record Ignored() implements RangeHeader {
    }

    record Satisfiable(List<ByteRange> ranges) implements RangeHeader {
    }

    record Unsatisfiable() implements RangeHeader {
    }

    static RangeHeader parse(String header, long length) {
        if (header == null) {
            return new Ignored();
        }
        String value = header.trim();
        if (!value.toLowerCase(Locale.ROOT).startsWith("bytes=")) {
            return new Ignored();
        }
        String[] specs = value.substring("bytes=".length()).split(",", -1);
        if (specs.length > MAX_RANGES) {
            return new Unsatisfiable();
        }
        List<ByteRange> ranges = new ArrayList<>();
        for (String spec : specs) {
            long[] bounds = parseSpec(spec.trim());
            if (bounds == null) {
                return new Ignored();
            }
            ByteRange range = resolve(bounds, length);
            if (range != null) {
                ranges.add(range);
            }
        }
        if (ranges.isEmpty() || overlap(ranges)) {
            return new Unsatisfiable();
        }
        return new Satisfiable(List.copyOf(ranges));
    }

    /** {@code [first, last]} with -1 for a missing end, or null if the spec is malformed. */
    private static long[] parseSpec(String spec) {
        int dash = spec.indexOf('-');
        if (dash < 0 || spec.indexOf('-', dash + 1) >= 0) {
            return null;
        }
        String first = spec.substring(0, dash).trim();
        String last = spec.substring(dash + 1).trim();
        if (first.isEmpty() && last.isEmpty()) {
            return null;
        }
        try {
            long from = first.isEmpty() ? -1 : parseDigits(first);
            long to = last.isEmpty() ? -1 : parseDigits(last);
            if (from >= 0 && to >= 0 && to < from) {
                return null;
            }
            return new long[] {from, to};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long parseDigits(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                throw new NumberFormatException(digits);
            }
        }
        // More digits than a long holds: no file is that large, so clamp instead of failing.
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    /** The range clipped to the representation, or null if it selects nothing of it. */
    private static ByteRange resolve(long[] bounds, long length) {
        long from = bounds[0];
        long to = bounds[1];
        if (from < 0) {
            // suffix range: the last N bytes
            if (to == 0 || length == 0) {
                return null;
            }
            return new ByteRange(Math.max(0, length - to), length - 1);
        }
        if (from >= length) {
            return null;
        }
        return new ByteRange(from, to < 0 || to >= length ? length - 1 : to);
    }

    private static boolean overlap(List<ByteRange> ranges) {
        List<ByteRange> sorted = ranges.stream().sorted(Comparator.comparingLong(ByteRange::first)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).first() <= sorted.get(i - 1).last()) {
                return true;
            }
        }
        return false;
    }
}

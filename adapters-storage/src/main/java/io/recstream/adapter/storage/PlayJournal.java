package io.recstream.adapter.storage;

import io.recstream.domain.CallSid;
import io.recstream.domain.InvalidIdentifierException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * When recordings were last played, kept in the bucket beside them, for least-recently-played eviction. A play is
 * noted in memory (a map entry: nothing on the hot path); each instance appends what it noted as one small object
 * per sweep ({@code <journal>/<millis>-<instance>-<n>}, lines of {@code <callSid> <millis>}); the instance that trims
 * reads them all, and folds them into one object with only the recordings still stored. Nothing here is needed for
 * correctness: a lost note (an instance killed before its sweep) only makes a recording look older to eviction.
 * Redis was not chosen because this would be the one part of it that must outlive its loss to keep its meaning.
 */
final class PlayJournal {

    private static final int HTTP_NOT_FOUND = 404;
    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final String bucket;
    private final String journalPrefix;
    private final String instance = UUID.randomUUID().toString();
    private final Map<CallSid, Instant> pending = new ConcurrentHashMap<>();
    /** Two objects this instance writes in one millisecond (a flush, then a fold) must not share a key. */
    private final AtomicLong written = new AtomicLong();

    PlayJournal(S3Client s3, String bucket, String journalPrefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.journalPrefix = journalPrefix;
    }

    void note(CallSid callSid, Instant playedAt) {
        pending.merge(callSid, playedAt, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
    }

    /** Appends what was noted since the last flush; kept in memory for the next one if the write fails. */
    void flush(Instant now) {
        Map<CallSid, Instant> noted = Map.copyOf(pending);
        if (noted.isEmpty()) {
            return;
        }
        write(noted, now);
        noted.forEach(pending::remove);
    }

    private void write(Map<CallSid, Instant> plays, Instant now) {
        StringBuilder lines = new StringBuilder();
        plays.forEach((sid, at) -> lines.append(sid.value()).append(' ').append(at.toEpochMilli()).append('\n'));
        String key = journalPrefix + now.toEpochMilli() + '-' + instance + '-' + written.incrementAndGet();
        s3.putObject(request -> request.bucket(bucket).key(key).contentType("text/plain"),
                RequestBody.fromString(lines.toString(), StandardCharsets.US_ASCII));
    }

    /** What the journal holds now, and the objects it was read from. */
    record Contents(Map<CallSid, Instant> plays, List<String> keys) {
        Optional<Instant> lastPlayed(CallSid callSid) {
            return Optional.ofNullable(plays.get(callSid));
        }
    }

    Contents read() {
        Map<CallSid, Instant> plays = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(journalPrefix))
                .contents()) {
            try {
                String text = s3.getObjectAsBytes(request -> request.bucket(bucket).key(object.key()))
                        .asString(StandardCharsets.US_ASCII);
                parse(text, plays);
                keys.add(object.key());
            } catch (S3Exception e) {
                if (e.statusCode() != HTTP_NOT_FOUND) {
                    throw e;
                } // folded by another instance meanwhile: its contents are in the object that instance wrote
            }
        }
        return new Contents(plays, keys);
    }

    private static void parse(String text, Map<CallSid, Instant> into) {
        for (String line : text.split("\n")) {
            String[] fields = line.split(" ");
            if (fields.length != 2) {
                continue;
            }
            try {
                Instant at = Instant.ofEpochMilli(Long.parseLong(fields[1]));
                into.merge(new CallSid(fields[0]), at, (a, b) -> a.isAfter(b) ? a : b);
            } catch (NumberFormatException | InvalidIdentifierException e) {
                // a line no instance of ours wrote: skipped
            }
        }
    }

    /**
     * Replaces the objects {@code read} came from by one holding the plays of the recordings still stored. Written
     * before the others are deleted, so a failure in between leaves the same plays twice, never none; objects written
     * since the read are not touched.
     */
    void compact(Contents read, Collection<CallSid> stored, Instant now) {
        if (read.keys().size() <= 1 && stored.containsAll(read.plays().keySet())) {
            return;
        }
        Map<CallSid, Instant> kept = new HashMap<>(read.plays());
        kept.keySet().retainAll(stored);
        if (!kept.isEmpty()) {
            write(kept, now);
        }
        for (int from = 0; from < read.keys().size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = read.keys().subList(from, Math.min(from + DELETE_BATCH, read.keys().size()))
                    .stream().map(key -> ObjectIdentifier.builder().key(key).build()).toList();
            s3.deleteObjects(request -> request.bucket(bucket).delete(delete -> delete.objects(batch).quiet(true)));
        }
    }
}

package io.recstream.adapter.redis;

import io.recstream.domain.BusinessId;
import io.recstream.domain.CallCursor;
import io.recstream.domain.CallSid;
import io.recstream.domain.Direction;
import java.time.Instant;
import java.util.Locale;

/** Every key recstream writes, in one place, under one prefix. */
final class RedisKeys {

    static final String READINESS_CHANNEL = "recstream:ready";

    /**
     * How far the record's reader had come, per source and partition, by the facts the directory holds; created by a
     * replay of the whole record, gone with the rest when Redis loses its data. Named for the view's layout: a view
     * written before the search indexes ({@code -v2}) has none of these positions, so it is rebuilt whole, its calls
     * listed in every index.
     */
    static final String CALLS_READ = "recstream:calls:read-v2";

    private RedisKeys() {
    }

    static String call(CallSid sid) {
        return "recstream:call:" + sid.value();
    }

    /** A business's calls, newest last, as {@link #listingMember} members all of score 0 (ordered by their text). */
    static String businessCalls(BusinessId business) {
        return "recstream:business:" + business.value() + ":calls";
    }

    static String businessCalls(BusinessId business, Direction direction) {
        return businessCalls(business) + ":" + directionName(direction);
    }

    /** The business's calls one of whose numbers ends with {@code lastDigits}: a search by number reads only these. */
    static String callsEndingWith(BusinessId business, String lastDigits) {
        return businessCalls(business) + ":ending:" + lastDigits;
    }

    /** The business's calls whose SID starts with {@code sidStart} (lower case): a search by SID reads only these. */
    static String callsWithSidStart(BusinessId business, String sidStart) {
        return businessCalls(business) + ":sid:" + sidStart;
    }

    /** How keys and hashes name a direction: {@code inbound}, {@code outbound}. */
    static String directionName(Direction direction) {
        return direction.name().toLowerCase(Locale.ROOT);
    }

    /** Start time (zero-padded millis, so text order is time order) and SID: unique, and a stable cursor. */
    static String listingMember(CallCursor position) {
        return String.format("%013d:%s", position.startedAt().toEpochMilli(), position.callSid().value());
    }

    /** Every listing member of a call started before {@code startedBefore} sorts before this. */
    static String listingPrefix(Instant startedBefore) {
        return String.format("%013d:", startedBefore.toEpochMilli());
    }

    static CallSid callSidOf(String listingMember) {
        return new CallSid(listingMember.substring(listingMember.indexOf(':') + 1));
    }

    static String downloadBudget(BusinessId business) {
        return "recstream:budget:downloads:" + business.value();
    }

    static String job(CallSid sid) {
        return "recstream:job:" + sid.value();
    }

    static String lock(CallSid sid) {
        return "recstream:lock:" + sid.value();
    }

    static String taskLock(String task) {
        return "recstream:lock:task:" + task;
    }
}

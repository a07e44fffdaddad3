package io.recstream.application.service;

import io.recstream.application.port.out.PlayCache;
import io.recstream.domain.CallSid;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * How much of an instance's disk its play cache may take, and which recordings go past it: the least recently played
 * first, until the cache holds at most {@code maxBytes} and the volume has at least {@code minFreeBytes} free. The one
 * eviction rule of recstream, whatever the store.
 */
public record CacheBudget(long maxBytes, long minFreeBytes) {

    /**
     * The recordings to evict, in order. Linear in the number held, plus a logarithm per recording evicted: the
     * candidates are heapified by last play (not sorted) and only those that go are taken out.
     */
    public List<CallSid> overBudget(List<PlayCache.Held> held, long freeBytes) {
        long total = 0;
        for (PlayCache.Held recording : held) {
            total += recording.bytes();
        }
        long excess = Math.max(total - maxBytes, minFreeBytes - freeBytes);
        if (excess <= 0) {
            return List.of();
        }
        PriorityQueue<ByLastPlay> leastRecentFirst = new PriorityQueue<>(held.stream().map(ByLastPlay::new).toList());
        List<CallSid> evicted = new ArrayList<>();
        while (excess > 0 && !leastRecentFirst.isEmpty()) {
            PlayCache.Held next = leastRecentFirst.poll().held();
            evicted.add(next.callSid());
            excess -= next.bytes();
        }
        return evicted;
    }

    /** Natural order by last play: a {@link PriorityQueue} built from a collection heapifies it in linear time. */
    private record ByLastPlay(PlayCache.Held held) implements Comparable<ByLastPlay> {
        @Override
        public int compareTo(ByLastPlay other) {
            return held.lastPlayed().compareTo(other.held.lastPlayed());
        }
    }
}

package io.recstream.adapter.audio;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.recstream.application.port.out.UndrawableRecordings;
import io.recstream.domain.CallSid;

/**
 * The recordings this instance could not draw, the most recently asked for kept: a crowd of broken files costs a
 * bounded memory, and one forgotten is only decoded once more.
 */
public class RememberedUndrawableRecordings implements UndrawableRecordings {

    static final int REMEMBERED = 10_000;

    private final Cache<CallSid, Boolean> remembered;

    public RememberedUndrawableRecordings() {
        this(REMEMBERED);
    }

    RememberedUndrawableRecordings(int most) {
        this.remembered = Caffeine.newBuilder().maximumSize(most).executor(Runnable::run).build();
    }

    @Override
    public void remember(CallSid callSid) {
        remembered.put(callSid, Boolean.TRUE);
    }

    @Override
    public boolean contains(CallSid callSid) {
        return remembered.getIfPresent(callSid) != null;
    }

    /** How many it holds now. */
    long size() {
        remembered.cleanUp();
        return remembered.estimatedSize();
    }
}

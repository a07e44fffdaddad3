package io.recstream.application.port.out;

import io.recstream.domain.CallSid;

/**
 * The recordings this instance found it can't draw (audio it can't decode, or without a sample), so that their
 * audio is not decoded again on every request for their waveform. A memory of one instance, and a bounded one: a
 * recording forgotten is only decoded once more.
 */
public interface UndrawableRecordings {

    void remember(CallSid callSid);

    boolean contains(CallSid callSid);
}

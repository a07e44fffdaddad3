package io.recstream.adapter.redis;

import io.recstream.domain.CallSid;

/** Every key recstream writes, in one place, under one prefix. */
final class RedisKeys {

    static final String READINESS_CHANNEL = "recstream:ready";

    private RedisKeys() {
    }

    static String call(CallSid sid) {
        return "recstream:call:" + sid.value();
    }

    static String job(CallSid sid) {
        return "recstream:job:" + sid.value();
    }

    static String lock(CallSid sid) {
        return "recstream:lock:" + sid.value();
    }
}

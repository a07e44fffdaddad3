package io.recstream.adapter.redis;

import io.recstream.application.port.out.SharedStateUnavailableException;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;

/** Turns Redis being unreachable (or failing) into the port's own exception, so callers need not know Redis. */
final class RedisGuard {

    private RedisGuard() {
    }

    static <T> T call(String what, Supplier<T> command) {
        try {
            return command.get();
        } catch (DataAccessException e) {
            throw new SharedStateUnavailableException("Redis unavailable while " + what + ": " + e.getMessage(), e);
        }
    }

    static void run(String what, Runnable command) {
        call(what, () -> {
            command.run();
            return null;
        });
    }
}

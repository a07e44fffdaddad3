package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/** What must survive the loss of what Redis holds: locks, statuses, the call directory. */
class DurabilityEndToEndTest extends EndToEndTest {

    private static final String ACME = "acme";

    @Autowired
    StringRedisTemplate redis;

    @Test
    void aDownloadLockLostMidDownload_stillEndsReady_withTheExactBytes_downloadedOnce() {
        Calls.TestCall call = registered(CALLS.recorded(ACME, Duration.ofHours(1), 80_000, Duration.ofMillis(1500)));
        String lockKey = "recstream:lock:" + call.callSid();

        assertThat(get(streamPath(call), tokenFor(ACME)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(redis.hasKey(lockKey)));
        redis.delete(lockKey);

        HttpResponse<byte[]> ready = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> get(streamPath(call), tokenFor(ACME)), response -> response.statusCode() == 200);
        assertThat(ready.body()).isEqualTo(call.media());
        assertThat(statusOf(call)).contains("\"status\":\"ready\"");
        assertThat(INFRA.twilio.mediaDownloads(call.recordingSid())).isEqualTo(1);
    }
}

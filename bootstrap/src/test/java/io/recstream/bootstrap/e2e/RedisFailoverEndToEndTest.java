package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.devkit.RedisSentinels;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Redis as a primary and a replica watched by three Sentinels (Debian's redis-server and redis-sentinel), two
 * instances connected through the Sentinels: the primary is killed (SIGKILL) in the middle of a burst of first plays.
 * The answers meanwhile are 503s with {@code Retry-After}, then everything recovers on the promoted replica: every
 * recording plays whole, none is published twice (its validator never changes), and new first plays get no 503.
 */
class RedisFailoverEndToEndTest {

    private static final Infrastructure INFRA = Infrastructure.get();
    private static final String PREFIX = "failover";

    private static RedisSentinels redis;
    private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private static Calls calls;
    private static String token;

    @BeforeAll
    static void startSentinelsAndTwoInstances() throws Exception {
        Assumptions.assumeTrue(RedisSentinels.installed(),
                "needs Debian's redis-server and redis-sentinel (.ci/run installs them)");
        redis = RedisSentinels.start();
        Map<String, Object> properties = Instances.isolated(INFRA, PREFIX, Files.createTempDirectory("recstream-failover-"));
        properties.remove("spring.data.redis.host");
        properties.remove("spring.data.redis.port");
        properties.putAll(Map.of("spring.data.redis.sentinel.master", RedisSentinels.MASTER_NAME,
                "spring.data.redis.sentinel.nodes", redis.sentinelNodes()));
        List<CompletableFuture<ConfigurableApplicationContext>> starting = List.of(
                CompletableFuture.supplyAsync(() -> Instances.startInThisJvm(properties)),
                CompletableFuture.supplyAsync(() -> Instances.startInThisJvm(properties)));
        starting.forEach(instance -> instances.add(instance.join()));
        calls = new Calls(INFRA, PREFIX + ".calls");
        token = INFRA.tokens.mint("failover-agent", List.of("acme"), Duration.ofMinutes(10));
    }

    @AfterAll
    static void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void thePrimaryKilledMidBurst_costsBounded503s_thenAllRecovers_withNothingLostOrPublishedTwice() throws Exception {
        PlayBurst burst = new PlayBurst(instances, token);
        List<Calls.TestCall> recorded = burst.registered(calls, 30);
        int primary = redis.primaryPort();
        AtomicReference<Instant> killedAt = new AtomicReference<>();

        List<byte[]> played = burst.play(recorded, () -> {
            redis.killPrimary();
            killedAt.set(Instant.now());
        });

        assertThat(redis.primaryPort()).as("the replica was promoted").isNotEqualTo(primary);
        for (int i = 0; i < recorded.size(); i++) {
            assertThat(played.get(i)).as("played whole").isEqualTo(recorded.get(i).media());
        }
        Map<Integer, Long> byStatus = burst.answers().stream()
                .collect(Collectors.groupingBy(PlayBurst.Answer::status, Collectors.counting()));
        List<PlayBurst.Answer> refused = burst.answers().stream().filter(answer -> answer.status() >= 300).toList();
        assertThat(refused).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.retryAfter()).isTrue();
        });
        List<String> etags = burst.answers().stream().filter(answer -> answer.status() == 200)
                .map(PlayBurst.Answer::etag).filter(Objects::nonNull).toList();
        for (Calls.TestCall call : recorded) {
            assertThat(INFRA.twilio.mediaDownloads(call.recordingSid())).as(call.callSid()).isBetween(1, 2);
        }
        System.out.printf("[redis failover] answers by status %s, the last 503 %s after the kill; %d media downloads "
                        + "for %d recordings%n", byStatus, refused.stream().map(PlayBurst.Answer::at)
                        .max(Comparator.naturalOrder()).map(last -> Duration.between(killedAt.get(), last))
                        .orElse(Duration.ZERO), recorded.stream().mapToInt(call ->
                        INFRA.twilio.mediaDownloads(call.recordingSid())).sum(), recorded.size());

        // Each recording was published once: every instance, every time, serves it under the one validator.
        PlayBurst again = new PlayBurst(instances, token);
        again.play(recorded, () -> { });
        again.play(recorded, () -> { });
        List<String> later = again.answers().stream().map(PlayBurst.Answer::etag).toList();
        assertThat(again.answers()).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
        assertThat(later.stream().distinct().count()).isEqualTo(recorded.size());
        assertThat(etags).allSatisfy(etag -> assertThat(later).contains(etag));

        // The old primary stays dead: new first plays get no 503.
        PlayBurst after = new PlayBurst(instances, token);
        after.play(after.registered(calls, 10), () -> { });
        assertThat(after.answers()).allSatisfy(answer -> assertThat(answer.status()).isIn(200, 202));
    }
}

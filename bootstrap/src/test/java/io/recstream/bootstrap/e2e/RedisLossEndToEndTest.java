package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.recstream.application.port.out.ClusterLock;
import io.recstream.application.port.out.LockLease;
import io.recstream.application.service.RebuildCallDirectoryService;
import io.recstream.devkit.LocalRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Redis is a view: two instances on a Redis of their own lose everything in it (FLUSHALL), or have it frozen for
 * 30 s while facts arrive, and come back whole from Kafka, never answering a false 404 meanwhile.
 */
class RedisLossEndToEndTest {

    private static final Infrastructure INFRA = Infrastructure.get();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String PREFIX = "loss";
    /** Shorter than the default, so that a test can outlast it in seconds. */
    private static final Duration REMEMBERED_FOR = Duration.ofSeconds(5);

    private static LocalRedis redis;
    private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private static Calls calls;

    @BeforeAll
    static void start() throws Exception {
        redis = LocalRedis.start();
        Map<String, Object> properties = Instances.isolated(INFRA, PREFIX, Files.createTempDirectory("recstream-loss-"));
        properties.put("spring.data.redis.port", redis.port());
        properties.put("recstream.calls.check-interval", "1s");
        properties.put("recstream.calls.remembered-for", REMEMBERED_FOR.toSeconds() + "s");
        for (int i = 0; i < 2; i++) {
            instances.add(Instances.startInThisJvm(properties));
        }
        calls = new Calls(INFRA);
    }

    @AfterAll
    static void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
        redis.close();
    }

    private static String aBusiness() {
        return "loss-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext instance, String path, String business) {
        String token = INFRA.tokens.mint("loss", List.of(business), Duration.ofMinutes(10));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + Instances.port(instance) + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stream(String callSid, String business) {
        return "/api/recordings/" + callSid + "/stream?business_id=" + business;
    }

    private static String status(String callSid, String business) {
        return "/api/recordings/" + callSid + "/status?business_id=" + business;
    }

    private static Calls.TestCall reportedCall(String business) {
        Calls.TestCall call = new Calls.TestCall(Calls.sid("CA"), business, Calls.sid("RE"), Calls.audio(20_000));
        INFRA.twilio.addRecording(call.callSid(), call.recordingSid(), Instant.now().minusSeconds(600), call.media());
        report(call.callSid(), business, call.recordingSid(), Instant.now().minusSeconds(700));
        return call;
    }

    private static void report(String callSid, String business, String recordingSid, Instant startedAt) {
        calls.send(PREFIX + ".calls", callSid, """
                {"callSid":"%s","businessId":"%s",%s"direction":"inbound","from":"+1","to":"+2",\
                "startedAt":"%s","durationSeconds":60}""".formatted(callSid, business,
                recordingSid == null ? "" : "\"recordingSid\":\"" + recordingSid + "\",", startedAt));
    }

    private static boolean knownEverywhere(String callSid, String business) {
        return instances.stream().allMatch(instance -> get(instance, status(callSid, business), business).statusCode() == 200);
    }

    @Test
    void flushAll_underARunningPair_playsAndTheListComeBackWithinAMinute_withNoFalse404Meanwhile() {
        String business = aBusiness();
        Calls.TestCall cached = reportedCall(business);
        Calls.TestCall uncached = reportedCall(business);
        String webhookOnly = Calls.sid("CA");
        String webhookRecording = Calls.sid("RE");
        INFRA.twilio.addRecording(webhookOnly, webhookRecording, Instant.now().minusSeconds(60), Calls.audio(10_000));
        assertThat(TwilioWebhooks.reportCompleted(Instances.port(instances.get(0)), business, webhookOnly,
                webhookRecording).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> knownEverywhere(cached.callSid(), business)
                && knownEverywhere(uncached.callSid(), business) && knownEverywhere(webhookOnly, business));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                get(instances.get(0), stream(cached.callSid(), business), business).statusCode() == 200);
        // One that no instance has looked up, so that no instance's memory of it can answer for Redis.
        Calls.TestCall unseen = reportedCall(business);
        StringRedisTemplate redisOfBoth = instances.get(0).getBean(StringRedisTemplate.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(redisOfBoth.hasKey("recstream:call:"
                + unseen.callSid())));

        redisOfBoth.execute((RedisCallback<Object>) connection -> {
            connection.serverCommands().flushAll();
            return null;
        });

        List<String> falseNotFound = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            boolean whole = true;
            for (ConfigurableApplicationContext instance : instances) {
                for (String callSid : List.of(cached.callSid(), uncached.callSid(), webhookOnly, unseen.callSid())) {
                    HttpResponse<String> play = get(instance, stream(callSid, business), business);
                    if (play.statusCode() == 404) {
                        falseNotFound.add(callSid + ": " + play.body());
                    }
                    whole &= callSid.equals(cached.callSid()) ? play.statusCode() == 200 : play.statusCode() != 503;
                }
                HttpResponse<String> list = get(instance, "/api/calls?business_id=" + business, business);
                whole &= list.statusCode() == 200 && list.body().contains(cached.callSid())
                        && list.body().contains(uncached.callSid()) && list.body().contains(unseen.callSid());
            }
            return whole;
        });
        assertThat(falseNotFound).isEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                get(instances.get(1), stream(webhookOnly, business), business).statusCode() == 200);
    }

    @Test
    void whileARebuildTakesLong_aRecordingThatAnInstanceKnows_playsOn_pastItsMemorysFreshness() {
        String business = aBusiness();
        Calls.TestCall known = reportedCall(business);
        // A call no one reported: neither instance can tell it from one not replayed yet. (One reported would be
        // remembered by the instance whose consumer took its fact in.)
        String unknown = Calls.sid("CA");
        ConfigurableApplicationContext player = instances.get(0);
        StringRedisTemplate redisOfBoth = player.getBean(StringRedisTemplate.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> get(player, stream(known.callSid(), business), business)
                .headers().firstValue("ETag").isPresent());
        // Another holds the rebuild (as an instance replaying a long record would) while the directory is lost.
        LockLease rebuilding = player.getBean(ClusterLock.class).tryAcquire(RebuildCallDirectoryService.TASK)
                .orElseThrow();
        try {
            redisOfBoth.delete(redisOfBoth.keys("recstream:call*"));
            HttpRequest range = HttpRequest.newBuilder(URI.create("http://localhost:" + Instances.port(player)
                            + stream(known.callSid(), business)))
                    .header("Authorization", "Bearer " + INFRA.tokens.mint("loss", List.of(business),
                            Duration.ofMinutes(10)))
                    .header("Range", "bytes=0-1").timeout(Duration.ofSeconds(20)).build();
            // Twice as long as the instance's memory of a call answers for Redis on its own.
            await("the known recording plays (206); an unknown call and the list wait for the rebuild (503)")
                    .during(REMEMBERED_FOR.multipliedBy(2)).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> HTTP.send(range, HttpResponse.BodyHandlers.discarding()).statusCode() == 206
                            && instances.stream().allMatch(instance ->
                                    get(instance, stream(unknown, business), business).statusCode() == 503)
                            && get(player, "/api/calls?business_id=" + business, business).statusCode() == 503);
        } finally {
            rebuilding.close();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> list = get(instances.get(1), "/api/calls?business_id=" + business, business);
            return list.statusCode() == 200 && list.body().contains(known.callSid());
        });
    }

    @Test
    void redisFrozenFor30s_whileFactsArrive_losesNone() {
        String business = aBusiness();
        Set<String> reported = ConcurrentHashMap.newKeySet();
        ScheduledExecutorService telephony = Executors.newSingleThreadScheduledExecutor();
        redis.pause();
        try {
            // Ten facts, one every three seconds, all while Redis answers nothing.
            telephony.scheduleAtFixedRate(() -> {
                if (reported.size() < 10) {
                    String callSid = Calls.sid("CA");
                    report(callSid, business, null, Instant.now().minusSeconds(120));
                    reported.add(callSid);
                }
            }, 0, 3, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(40)).until(() -> reported.size() == 10);
        } finally {
            telephony.shutdownNow();
            redis.resume();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> list = get(instances.get(1), "/api/calls?business_id=" + business, business);
            return list.statusCode() == 200 && reported.stream().allMatch(list.body()::contains);
        });
        assertThat(TopicReader.all(INFRA.kafkaBootstrapServers(), PREFIX + ".calls.DLT",
                record -> reported.contains(record.key()))).isEmpty();
    }
}

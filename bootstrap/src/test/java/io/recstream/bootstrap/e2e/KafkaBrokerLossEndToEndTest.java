package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.recstream.devkit.KafkaBrokerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A three-broker KRaft cluster (each broker a process of its own), topics with three copies and
 * {@code min.insync.replicas=2}: one broker is killed (SIGKILL) in the middle of a burst of first plays on two
 * instances. Every recording becomes ready, none is downloaded twice, the only answers that are not 2xx are the
 * documented {@code 503 queue_unavailable} with {@code Retry-After}, and once the cluster has new leaders first plays
 * are answered without them, the broker still dead.
 */
class KafkaBrokerLossEndToEndTest {

    private static final Infrastructure INFRA = Infrastructure.get();
    private static final String PREFIX = "brokerloss";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static List<KafkaBrokerProcess> cluster;
    private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private static Calls calls;
    private static String token;

    private record Answer(int status, String body, boolean retryAfter, Instant at) {
    }

    @BeforeAll
    static void startClusterAndTwoInstances() throws Exception {
        cluster = KafkaBrokerProcess.cluster(3);
        String bootstrap = KafkaBrokerProcess.bootstrapServers(cluster);
        Map<String, Object> properties = Instances.isolated(INFRA, PREFIX, Files.createTempDirectory("recstream-brokerloss-"));
        properties.putAll(Map.of("spring.kafka.bootstrap-servers", bootstrap,
                "recstream.topics.replication-factor", 3, "recstream.topics.min-insync-replicas", 2));
        List<CompletableFuture<ConfigurableApplicationContext>> starting = List.of(
                CompletableFuture.supplyAsync(() -> Instances.startInThisJvm(properties)),
                CompletableFuture.supplyAsync(() -> Instances.startInThisJvm(properties)));
        starting.forEach(instance -> instances.add(instance.join()));
        calls = new Calls(bootstrap, INFRA.twilio, PREFIX + ".calls");
        token = INFRA.tokens.mint("brokerloss-agent", List.of("acme"), Duration.ofMinutes(10));
    }

    @AfterAll
    static void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
        cluster.forEach(KafkaBrokerProcess::kill); // a clean shutdown of a cluster missing a node takes a minute
    }

    @Test
    void aBrokerKilledMidBurst_costsOnlyBoundedQueueUnavailables_andNoRecordingIsLostOrDownloadedTwice()
            throws Exception {
        List<Calls.TestCall> burst = registeredCalls(40);
        int victim = leaderOfMostPartitions(PREFIX + ".download-requests");
        Queue<Answer> answers = new ConcurrentLinkedQueue<>();
        Instant killedAt = null;
        List<CompletableFuture<byte[]>> plays = new ArrayList<>();
        try (ExecutorService players = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < burst.size(); i++) {
                Calls.TestCall call = burst.get(i);
                int first = i % 2;
                plays.add(CompletableFuture.supplyAsync(() -> playUntilReady(call, first, answers), players));
                if (i == burst.size() / 3) {
                    cluster.get(victim - 1).kill();
                    killedAt = Instant.now();
                }
                TimeUnit.MILLISECONDS.sleep(50); // a burst spread over two seconds, as users click
            }
            for (int i = 0; i < burst.size(); i++) {
                assertThat(plays.get(i).get(120, TimeUnit.SECONDS)).isEqualTo(burst.get(i).media());
            }
        }

        for (Calls.TestCall call : burst) {
            assertThat(INFRA.twilio.mediaDownloads(call.recordingSid())).as(call.callSid()).isEqualTo(1);
        }
        Instant killed = killedAt;
        List<Answer> refused = answers.stream().filter(answer -> answer.status() >= 300).toList();
        assertThat(refused).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.body()).contains("\"code\":\"queue_unavailable\"");
            assertThat(answer.retryAfter()).isTrue();
        });
        System.out.printf("[broker loss] %d answers, %d of them 503 queue_unavailable, the last %s after the kill%n",
                answers.size(), refused.size(), refused.stream().map(Answer::at).max(Comparator.naturalOrder())
                        .map(last -> Duration.between(killed, last)).orElse(Duration.ZERO));

        // The broker stays dead: new first plays are answered 202 and become ready, no 503.
        Queue<Answer> after = new ConcurrentLinkedQueue<>();
        for (Calls.TestCall call : registeredCalls(10)) {
            assertThat(playUntilReady(call, 0, after)).isEqualTo(call.media());
        }
        assertThat(after).allSatisfy(answer -> assertThat(answer.status()).isIn(200, 202));
    }

    private static List<Calls.TestCall> registeredCalls(int count) {
        List<Calls.TestCall> recorded = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            recorded.add(calls.recorded("acme", Duration.ofHours(1), 40_000 + i, Duration.ofMillis(300)));
        }
        for (Calls.TestCall call : recorded) {
            await().atMost(Duration.ofSeconds(30)).until(() -> send(call, 0, "status").statusCode() == 200);
        }
        return recorded;
    }

    /** Plays as the player does: again after each 202 or 503, alternating between the instances, until a 200. */
    private static byte[] playUntilReady(Calls.TestCall call, int firstInstance, Queue<Answer> answers) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        for (int attempt = 0; Instant.now().isBefore(deadline); attempt++) {
            HttpResponse<byte[]> response = send(call, (firstInstance + attempt) % 2, "stream");
            answers.add(new Answer(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8),
                    response.headers().firstValue("Retry-After").isPresent(), Instant.now()));
            if (response.statusCode() == 200) {
                return response.body();
            }
            try {
                TimeUnit.MILLISECONDS.sleep(200); // the player's pause between attempts, shortened
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError(call.callSid() + " never became ready");
    }

    private static HttpResponse<byte[]> send(Calls.TestCall call, int instance, String endpoint) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + Instances.port(instances.get(instance))
                + "/api/recordings/" + call.callSid() + "/" + endpoint + "?business_id=acme"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError("no answer from instance " + instance, e);
        }
    }

    /** The node that leads the most partitions of {@code topic}: losing it hurts most. */
    private static int leaderOfMostPartitions(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerProcess.bootstrapServers(cluster)))) {
            List<TopicPartitionInfo> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions();
            assertThat(partitions).allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
            return partitions.stream().collect(Collectors.groupingBy(partition -> partition.leader().id(),
                            Collectors.counting())).entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey).orElseThrow();
        }
    }
}

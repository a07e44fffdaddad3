package io.recstream.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What recstream's own timers saw during a burst, from its Prometheus histograms (the instance runs with
 * {@link #HISTOGRAM_SETTINGS}): the buckets read before and after the burst, subtracted, are exactly the burst's
 * timings, whatever came before it. Percentiles are bucket bounds: the smallest bound that holds the share asked.
 */
final class ServerTimings {

    /** A first play's 202 (given on the fast path) as recstream timed it, from the request's arrival to its answer. */
    static final String PLAY = "recstream_stream_accepted_seconds_bucket";
    /** A Kafka send, to the broker's acknowledgement (spring-kafka's template timer). */
    static final String KAFKA_SEND = "spring_kafka_template_seconds_bucket";

    /** A Redis command, from Lettuce's sending it to the answer (Spring Boot's observation of Lettuce). */
    static final String REDIS_COMMAND = "lettuce_seconds_bucket";

    /** Spring settings that publish those timers as histograms. */
    static final List<String> HISTOGRAM_SETTINGS = List.of(
            "--management.metrics.distribution.percentiles-histogram.recstream.stream.accepted=true",
            "--management.metrics.distribution.percentiles-histogram.spring.kafka.template=true",
            "--management.metrics.distribution.percentiles-histogram.lettuce=true");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The counts per upper bound (seconds), summed over the series of one histogram that a filter keeps. */
    record Histogram(TreeMap<Double, Double> cumulative) {

        Histogram minus(Histogram earlier) {
            TreeMap<Double, Double> difference = new TreeMap<>();
            cumulative.forEach((bound, count) -> difference.put(bound,
                    count - earlier.cumulative.getOrDefault(bound, 0.0)));
            return new Histogram(difference);
        }

        double count() {
            return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
        }

        /** The smallest bucket bound, in milliseconds, under which {@code share} of the timings fall; -1 if none. */
        double percentileMillis(double share) {
            double wanted = share * count();
            for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
                if (count() > 0 && bucket.getValue() >= wanted) {
                    return bucket.getKey() * 1000;
                }
            }
            return -1;
        }
    }

    private ServerTimings() {
    }

    /**
     * The text of recstream's Prometheus endpoint now, with only these metrics: the whole text (Lettuce's histograms
     * per command among it) was a third of all that recstream allocated in C1, and so brought its collector into the
     * very bursts it was read for.
     */
    static String scrape(String base, Collection<String> metrics) throws Exception {
        // The endpoint keeps the metrics named exactly so: a histogram's name is its lines' without "_bucket".
        String names = String.join(",", metrics.stream().map(metric -> metric.replaceFirst("_bucket$", "")).toList());
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base
                        + "/actuator/prometheus?includedNames=" + names))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("recstream's metrics answered " + response.statusCode());
        }
        return response.body();
    }

    /** The pauses of recstream's collector (Micrometer's JVM metrics): how many, and their time in seconds. */
    static final String GC_PAUSE = "jvm_gc_pause_seconds";

    /** A counter's or a summary's value in a scrape ({@code metric} with its suffix), summed over all its series. */
    static double total(String scrape, String metric) {
        return scrape.lines().filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** {@code metric}'s buckets in a scrape, summed over the series whose labels {@code labels} accepts. */
    static Histogram histogram(String scrape, String metric, Predicate<String> labels) {
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        for (String line : scrape.lines().toList()) {
            if (!line.startsWith(metric + "{")) {
                continue;
            }
            int labelsEnd = line.lastIndexOf('}');
            String labelText = line.substring(metric.length() + 1, labelsEnd);
            int le = labelText.indexOf("le=\"");
            if (le < 0 || !labels.test(labelText)) {
                continue;
            }
            String bound = labelText.substring(le + 4, labelText.indexOf('"', le + 4));
            double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
            cumulative.merge(upper, Double.parseDouble(line.substring(labelsEnd + 1).trim()), Double::sum);
        }
        return new Histogram(cumulative);
    }

    /** The burst's timings of each metric: {@code after}'s buckets minus {@code before}'s. */
    static List<Histogram> during(String before, String after, List<Map.Entry<String, Predicate<String>>> metrics) {
        List<Histogram> burst = new ArrayList<>();
        for (Map.Entry<String, Predicate<String>> metric : metrics) {
            burst.add(histogram(after, metric.getKey(), metric.getValue())
                    .minus(histogram(before, metric.getKey(), metric.getValue())));
        }
        return burst;
    }
}

package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void metricNames_areTheSeriesRead_notFunctionsLabelsKeywordsOrNumbers() {
        assertThat(PromQl.metricNames("sum by (outcome) (rate(a_total{outcome=\"x y\", instance=~\"$instance\"}"
                + "[$__rate_interval])) / ignoring (outcome) b_seconds_sum > 2e9 and on (instance) up == 0"))
                .containsExactly("a_total", "b_seconds_sum", "up");
        assertThat(PromQl.metricNames("predict_linear(free_bytes[6h], 24 * 3600) < 0 unless c offset 5m"))
                .containsExactly("free_bytes", "c");
    }
}

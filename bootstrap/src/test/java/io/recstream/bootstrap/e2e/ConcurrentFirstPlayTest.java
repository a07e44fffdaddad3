package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConcurrentFirstPlayTest extends EndToEndTest {

    @Test
    void eightyConcurrentFirstPlays_downloadTheRecordingExactlyOnce() {
        Calls.TestCall call = registered(CALLS.recorded("acme", Duration.ofHours(1), 200_000, Duration.ofSeconds(1)));
        HttpRequest play = HttpRequest.newBuilder(URI.create("http://localhost:" + port + streamPath(call)))
                .header("Authorization", "Bearer " + tokenFor("acme")).timeout(Duration.ofSeconds(20)).build();

        List<CompletableFuture<HttpResponse<byte[]>>> plays = IntStream.range(0, 80)
                .mapToObj(i -> HTTP.sendAsync(play, HttpResponse.BodyHandlers.ofByteArray())).toList();
        List<Integer> statuses = plays.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

        assertThat(statuses).hasSize(80).allMatch(status -> status == 202 || status == 200);
        assertThat(playUntilReady(call).body()).isEqualTo(call.media());
        assertThat(INFRA.twilio.mediaDownloads(call.recordingSid())).isEqualTo(1);
    }
}

package io.recstream.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TwilioSimulatorTest {

    private static final String CREDENTIALS = "Basic " + Base64.getEncoder().encodeToString(
            (TwilioSimulator.ACCOUNT_SID + ":" + TwilioSimulator.AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
    private static TwilioSimulator twilio;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        twilio = TwilioSimulator.start();
    }

    @AfterAll
    static void stop() {
        twilio.close();
    }

    private HttpResponse<byte[]> get(String pathAndQuery, boolean withCredentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(twilio.baseUrl() + pathAndQuery));
        if (withCredentials) {
            request.header("Authorization", CREDENTIALS);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void recordingsAdded_areServedByKey_withoutAStubEach() throws Exception {
        int stubsBefore = twilio.wireMock().getStubMappings().size();
        Instant createdAt = Instant.now().minus(Duration.ofHours(1));
        for (int i = 0; i < 50; i++) {
            twilio.addRecording("CA" + "k".repeat(31) + i % 10, "RE" + "k".repeat(30) + String.format("%02d", i),
                    createdAt, ("audio " + i).getBytes(StandardCharsets.UTF_8), Duration.ofMillis(i % 2));
        }

        // A request is matched against every stub in turn: recordings must not add to them.
        assertThat(twilio.wireMock().getStubMappings()).hasSize(stubsBefore);
        String recordingSid = "RE" + "k".repeat(30) + "17";
        assertThat(text(get(twilio.recordingPath(recordingSid, "json"), true)))
                .contains("\"sid\":\"" + recordingSid + "\"", "\"call_sid\":\"CA" + "k".repeat(31) + "7\"");
        HttpResponse<byte[]> redirect = get(twilio.recordingPath(recordingSid, "mp3"), true);
        assertThat(redirect.statusCode()).isEqualTo(302);
        String storage = redirect.headers().firstValue("Location").orElseThrow().substring(twilio.baseUrl().length());
        HttpResponse<byte[]> media = get(storage, false);
        assertThat(media.statusCode()).isEqualTo(200);
        assertThat(text(media)).isEqualTo("audio 17");
        String listing = text(get("/" + TwilioSimulator.API_VERSION + "/Accounts/" + TwilioSimulator.ACCOUNT_SID
                + "/Recordings.json?CallSid=CA" + "k".repeat(31) + "7&PageSize=50&Page=0", true));
        assertThat(listing.split("\"sid\":\"RE", -1)).hasSize(6);
    }

    @Test
    void mediaSent_isCountedInTheJournal_withoutItsBody() throws Exception {
        String recordingSid = "RE" + "j".repeat(32);
        twilio.addRecording("CA" + "j".repeat(32), recordingSid, Instant.now().minus(Duration.ofHours(1)),
                new byte[64 * 1024], Duration.ZERO);

        HttpResponse<byte[]> redirect = get(twilio.recordingPath(recordingSid, "mp3"), true);
        String storage = redirect.headers().firstValue("Location").orElseThrow().substring(twilio.baseUrl().length());
        assertThat(get(storage, false).body()).hasSize(64 * 1024);

        // A benchmark's thousands of downloads would otherwise all stay in the simulator's heap.
        assertThat(twilio.mediaDownloads(recordingSid)).isEqualTo(1);
        assertThat(twilio.wireMock().getAllServeEvents())
                .filteredOn(event -> event.getRequest().getUrl().equals(storage)).singleElement()
                .satisfies(event -> assertThat(event.getResponse().getBody().length).isZero());
    }

    @Test
    void whatWasNeverAdded_isAnsweredAsTwilioDoes() throws Exception {
        String unknown = "RE" + "u".repeat(32);

        HttpResponse<byte[]> metadata = get(twilio.recordingPath(unknown, "json"), true);
        HttpResponse<byte[]> media = get(twilio.recordingPath(unknown, "mp3"), true);
        HttpResponse<byte[]> storage = get("/storage/" + unknown + ".mp3", false);
        HttpResponse<byte[]> withoutCredentials = get(twilio.recordingPath(unknown, "json"), false);

        assertThat(metadata.statusCode()).isEqualTo(404);
        assertThat(text(metadata)).contains("\"code\":20404");
        assertThat(media.statusCode()).isEqualTo(404);
        assertThat(storage.statusCode()).isEqualTo(401);
        assertThat(withoutCredentials.statusCode()).isEqualTo(401);
        assertThat(text(withoutCredentials)).contains("\"code\":20003");
    }
}

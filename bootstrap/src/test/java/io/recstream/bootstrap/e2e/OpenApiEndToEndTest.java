package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.adapter.web.ProblemCode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OpenApiEndToEndTest extends EndToEndTest {

    private static final String IDENTIFIERS = "business_id_required invalid_call_sid invalid_business_id bad_request";
    private static final String PLAY_UNAVAILABLE =
            "provider_unavailable queue_unavailable service_unavailable storage_unavailable";

    /**
     * What each endpoint's handler can answer as a problem, by status, as the contract (§4) says: written out here,
     * not read from the configuration that writes the document, so that the two are compared.
     */
    private static final Map<String, Map<String, String>> CONTRACT = Map.of(
            "/api/recordings/{callSid}/stream", Map.of("400", IDENTIFIERS, "401", "unauthenticated",
                    "403", "business_forbidden", "404", "call_not_found recording_unavailable",
                    "410", "recording_expired", "416", "range_not_satisfiable", "429", "too_many_requests",
                    "503", PLAY_UNAVAILABLE),
            "/api/recordings/{callSid}/peaks", Map.of("400", IDENTIFIERS, "401", "unauthenticated",
                    "403", "business_forbidden", "404", "call_not_found recording_unavailable waveform_unavailable",
                    "410", "recording_expired", "429", "too_many_requests", "503", PLAY_UNAVAILABLE),
            "/api/recordings/{callSid}/status", Map.of("400", IDENTIFIERS, "401", "unauthenticated",
                    "403", "business_forbidden", "404", "call_not_found",
                    "503", "service_unavailable storage_unavailable"),
            "/api/calls/{callSid}/download", Map.of("400", IDENTIFIERS, "401", "unauthenticated",
                    "403", "business_forbidden", "404", "call_not_found recording_unavailable",
                    "410", "recording_expired", "416", "range_not_satisfiable", "429", "too_many_requests",
                    "503", PLAY_UNAVAILABLE, "504", "recording_not_ready"),
            "/api/calls", Map.of("400", "business_id_required invalid_business_id invalid_direction invalid_limit "
                            + "invalid_cursor bad_request", "401", "unauthenticated", "403", "business_forbidden",
                    "503", "service_unavailable storage_unavailable"),
            "/api/me", Map.of("400", "bad_request", "401", "unauthenticated"),
            "/webhooks/twilio/recording-status", Map.of("400", "business_id_required invalid_business_id bad_request",
                    "403", "invalid_signature", "415", "unsupported_media_type", "503", "queue_unavailable"));

    @Test
    void eachEndpoint_listsExactlyTheProblemsItsHandlerCanAnswer() {
        JsonNode paths = JsonMapper.shared().readTree(get("/v3/api-docs", null).body()).get("paths");

        assertThat(new TreeSet<>(paths.propertyNames())).containsAll(CONTRACT.keySet());
        CONTRACT.forEach((path, expected) -> paths.get(path).properties().forEach(operation -> {
            Map<String, Set<String>> listed = new TreeMap<>();
            operation.getValue().get("responses").properties().stream()
                    .filter(response -> response.getKey().compareTo("400") >= 0)
                    .forEach(response -> listed.put(response.getKey(), codes(response.getValue()
                            .get("description").asString().replace("code:", ""))));
            Map<String, Set<String>> contract = new TreeMap<>();
            expected.forEach((status, codes) -> contract.put(status, codes(codes)));
            assertThat(listed).as(operation.getKey().toUpperCase() + " " + path).isEqualTo(contract);
        }));
    }

    private static Set<String> codes(String list) {
        return new TreeSet<>(Arrays.asList(list.replace(",", " ").trim().split("\\s+")));
    }

    @Test
    void theDocument_describesMediaAnswers_headers_andEveryProblemCode() {
        HttpResponse<byte[]> response = get("/v3/api-docs", null);
        String document = new String(response.body(), StandardCharsets.UTF_8);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(document).contains("\"business_id\"", "\"Prefer\"", "\"Range\"", "\"If-Range\"");
        for (String status : new String[] {"\"202\"", "\"206\"", "\"304\""}) {
            assertThat(document).contains(status);
        }
        assertThat(Arrays.stream(ProblemCode.values()).map(ProblemCode::code))
                .allSatisfy(code -> assertThat(document).contains("\"" + code + "\""));
        assertThat(get("/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
    }
}

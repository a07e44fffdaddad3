package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.adapter.web.ProblemCode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OpenApiEndToEndTest extends EndToEndTest {

    @Test
    void theDocument_listsEveryEndpointStatusAndProblemCode() {
        HttpResponse<byte[]> response = get("/v3/api-docs", null);
        String document = new String(response.body(), StandardCharsets.UTF_8);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(document).contains("\"/api/recordings/{callSid}/stream\"", "\"/api/recordings/{callSid}/status\"",
                "\"/api/recordings/{callSid}/peaks\"",
                "\"/api/calls\"", "\"/api/calls/{callSid}/download\"", "\"/api/me\"",
                "\"/webhooks/twilio/recording-status\"", "\"business_id\"", "\"Prefer\"", "\"Range\"", "\"If-Range\"");
        for (String status : new String[] {"\"202\"", "\"206\"", "\"304\"", "\"410\"", "\"416\"", "\"503\"", "\"504\""}) {
            assertThat(document).contains(status);
        }
        assertThat(Arrays.stream(ProblemCode.values()).map(ProblemCode::code))
                .allSatisfy(code -> assertThat(document).contains("\"" + code + "\""));
        assertThat(get("/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
    }
}

package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Query strings and forms that the container can't decode: a 400 on every endpoint, never a 500. */
class HostileInputEndToEndTest extends EndToEndTest {

    private static final String CALL = "CA" + "e".repeat(32);

    @ParameterizedTest
    @ValueSource(strings = {"?x=%zz", "?business_id=%E0%A4%A", "?business_id=acme&before=%%%", "?business_id=%",
            "?business_id=acme&x=%u0041"})
    void aQueryThatCannotBeDecoded_is400OnEveryEndpoint_theFastPathIncluded(String query) {
        String token = "Authorization: Bearer " + tokenFor("acme");
        for (String path : new String[] {"/api/recordings/" + CALL + "/stream", "/api/recordings/" + CALL + "/status",
                "/api/calls", "/api/calls/" + CALL + "/download", "/api/me", "/", "/actuator/health"}) {
            assertThat(RawHttp.get(port, path + query, token)).as(path + query).isEqualTo(400);
        }
        assertThat(RawHttp.status(port, "POST " + TwilioWebhooks.PATH + query + " HTTP/1.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded", "a=b".getBytes(StandardCharsets.UTF_8)))
                .as("webhook").isEqualTo(400);
    }

    /** A path parameter ({@code ;name=value}) with a bad escape: Spring's path parsing threw it into a 500. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/recordings/;%/stream", "/api/calls;a=%", "/;%",
            "/api/recordings/CAeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee;x=%zz/stream"})
    void aPathThatCannotBeDecoded_is400_theFastPathIncluded(String path) {
        assertThat(RawHttp.get(port, path + "?business_id=acme", "Authorization: Bearer " + tokenFor("acme")))
                .as(path).isEqualTo(400);
    }

    @Test
    void moreParametersThanTheContainerTakes_is400() {
        String query = IntStream.range(0, 1_100).mapToObj(i -> "p" + i + "=1").collect(Collectors.joining("&"));
        assertThat(RawHttp.get(port, "/api/calls?business_id=acme&" + query, "Authorization: Bearer " + tokenFor("acme")))
                .isEqualTo(400);
    }

    private int webhook(String form) {
        return RawHttp.status(port, "POST " + TwilioWebhooks.PATH + "?business_id=acme HTTP/1.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded", form.getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"=&=&&", "a=%zz", "CallSid=%", "%=x", "CallSid=&%0a", "%0d%0aX=1"})
    void aWebhookFormThatCannotBeDecoded_is400_withoutAnySignature(String form) {
        assertThat(webhook(form)).as(form).isEqualTo(400);
    }

    /** The container decodes a form only for POST; Spring decodes one of any other method, after every check. */
    @ParameterizedTest
    @ValueSource(strings = {"PUT", "PATCH", "DELETE", "POST"})
    void aFormThatCannotBeDecoded_is400_whateverItsMethod_onEveryEndpoint(String method) {
        for (String path : new String[] {"/api/recordings/" + CALL + "/stream?business_id=acme", "/api/calls?business_id=acme",
                "/api/me", TwilioWebhooks.PATH + "?business_id=acme", "/", "/actuator/health"}) {
            for (String form : new String[] {"a=%zz", "CallSid=%", "=&=&&"}) {
                RawHttp.Answer answer = RawHttp.send(port, method + " " + path + " HTTP/1.1\r\n"
                        + "Content-Type: application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
                assertThat(answer.status()).as(method + " " + path + " " + form).isEqualTo(400);
                assertThat(answer.body()).as(method + " " + path + " " + form).contains("\"code\":\"bad_request\"");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "PATCH", "DELETE"})
    void aReadableFormOfAnotherMethod_getsTheAnswerItWouldWithoutABody(String method) {
        int status = RawHttp.status(port, method + " /api/calls?business_id=acme HTTP/1.1\r\n"
                + "Authorization: Bearer " + tokenFor("acme") + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded; charset=UTF-8", "a=1&b=%C3%A9".getBytes(StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(405);
    }

    /** The container decodes invalid UTF-8 with replacement characters: such a form can only fail its signature. */
    @ParameterizedTest
    @ValueSource(strings = {"RecordingStatus=%FF%FE", "CallSid=\u00ff\u00fe"})
    void aWebhookFormOfInvalidUtf8_isRefusedAsUnsigned(String form) {
        assertThat(webhook(form)).as(form).isEqualTo(403);
    }
}

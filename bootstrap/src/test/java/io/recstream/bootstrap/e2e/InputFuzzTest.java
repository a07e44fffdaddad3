package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Property-based fuzzing of what users and peers send, against a running instance: requests (paths, SIDs, business
 * ids, query strings, Range/If-Range/If-None-Match/Prefer, tokens as header and cookies, duplicated), webhook forms,
 * and records on each topic recstream reads. No answer is a 5xx; no consumer stops; a cached recording still plays
 * and a well-formed fact is still taken in after the Kafka fuzz.
 */
class InputFuzzTest {

    private static final Infrastructure INFRA = Infrastructure.get();
    private static final String PREFIX = "fuzz";
    private static ConfigurableApplicationContext instance;
    private static Calls calls;
    private static Calls.TestCall cached;
    private static String token;

    @BeforeContainer
    static void start() throws Exception {
        instance = Instances.startInThisJvm(Instances.isolated(INFRA, PREFIX, Files.createTempDirectory("recstream-fuzz-")));
        calls = new Calls(INFRA);
        token = INFRA.tokens.mint("fuzzer", List.of("acme"), Duration.ofMinutes(30));
        cached = report(Calls.sid("CA"));
        await().atMost(Duration.ofSeconds(30)).until(() -> play(cached).statusCode() == 200);
    }

    /** Once every property ran (every record above was published): the pipeline still works end to end. */
    @AfterContainer
    static void afterTheFuzz_aCachedRecordingPlays_andANewCallIsTakenIn_thenStop() throws Exception {
        try {
            assertThat(play(cached).body()).isEqualTo(cached.media());
            Calls.TestCall fresh = report(Calls.sid("CA"));
            HttpResponse<byte[]> played = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> play(fresh), response -> response.statusCode() == 200);
            assertThat(played.body()).isEqualTo(fresh.media());
        } finally {
            instance.close();
        }
    }

    private static Calls.TestCall report(String callSid) {
        Calls.TestCall call = new Calls.TestCall(callSid, "acme", Calls.sid("RE"), Calls.audio(5_000));
        INFRA.twilio.addRecording(call.callSid(), call.recordingSid(), Instant.now().minusSeconds(600), call.media());
        calls.send(PREFIX + ".calls", callSid, """
                {"callSid":"%s","businessId":"acme","recordingSid":"%s","direction":"inbound","from":"+1","to":"+2",\
                "startedAt":"%s","durationSeconds":60}""".formatted(callSid, call.recordingSid(),
                Instant.now().minusSeconds(700)));
        return call;
    }

    private static HttpResponse<byte[]> play(Calls.TestCall call) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + Instances.port(instance) + "/api/recordings/" + call.callSid() + "/stream?business_id=acme"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    // --- what is sent ---

    /** Printable junk with the characters that matter to parsers: escapes, separators, quotes, non-ASCII. */
    private static Arbitrary<String> junk() {
        return Arbitraries.strings().withChars("%&=;,+-_.~\"'<>/\\?#*[]{}()!$@:aAzZ09éש").ofMaxLength(24);
    }

    private static Arbitrary<String> callSids() {
        return Arbitraries.oneOf(Arbitraries.just(cached.callSid()), Arbitraries.strings().withChars("0123456789abcdefABCDEF")
                .ofLength(32).map(hex -> "CA" + hex), junk(), Arbitraries.strings().numeric().ofMaxLength(40)
                .map(digits -> "CA" + digits));
    }

    private static Arbitrary<String> businessIds() {
        return Arbitraries.oneOf(Arbitraries.of("acme", "globex", "", "a b", "%41cme", "acme%00", "x".repeat(65)), junk());
    }

    private static Arbitrary<String> queries() {
        Arbitrary<String> business = businessIds().map(value -> "business_id=" + value);
        Arbitrary<String> extra = Combinators.combine(Arbitraries.of("before", "limit", "direction", "x", "business_id",
                ""), junk()).as((name, value) -> name + "=" + value);
        return Combinators.combine(business, extra.list().ofMaxSize(3))
                .as((first, rest) -> "?" + first + (rest.isEmpty() ? "" : "&" + String.join("&", rest)));
    }

    private static Arbitrary<String> ranges() {
        return Arbitraries.oneOf(Arbitraries.of("bytes=0-1", "bytes=-1", "bytes=0-", "bytes=100-10", "bytes=0-0,2-3",
                "bytes=" + "0-1,".repeat(20) + "2-3", "bytes=99999999999999999999-", "bytes=-0", "bytes=", "items=0-1",
                "bytes=0-1, 1-2", "bytes=a-b"), junk().map(value -> "bytes=" + value));
    }

    private static Arbitrary<String> tokenHeaders() {
        Arbitrary<String> tokens = Arbitraries.oneOf(Arbitraries.just(token), junk(),
                Arbitraries.just(token.substring(0, token.length() - 3) + "abc"), Arbitraries.just(""));
        return Arbitraries.oneOf(
                tokens.map(value -> "Authorization: Bearer " + value),
                tokens.map(value -> "Authorization: " + value),
                Combinators.combine(tokens, tokens).as((a, b) -> "Cookie: access_token=" + a + "; access_token=" + b),
                tokens.map(value -> "Cookie: access_token=" + value + "; other=1"),
                Arbitraries.just("X-None: 1"));
    }

    private static Arbitrary<String> optionalHeader(String name, Arbitrary<String> values) {
        return Arbitraries.oneOf(Arbitraries.just(""), values.map(value -> "\r\n" + name + ": " + value));
    }

    @Provide
    Arbitrary<String> requests() {
        Arbitrary<String> paths = Combinators.combine(Arbitraries.of("/api/recordings/%s/stream", "/api/recordings/%s/status",
                "/api/calls/%s/download", "/api/calls", "/api/me", "/", "/api/recordings/%s/peaks"), callSids())
                .as((template, sid) -> template.formatted(sid.replace(" ", "%20")));
        Arbitrary<String> headers = Combinators.combine(tokenHeaders(), optionalHeader("Range", ranges()),
                optionalHeader("If-Range", Arbitraries.oneOf(junk(), Arbitraries.just("\"0-0\""), Arbitraries.just(
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))))), optionalHeader("If-None-Match", junk()),
                optionalHeader("Prefer", Arbitraries.of("wait=0", "wait=1", "wait=-1", "wait=abc", "wait=99999999999")))
                .as((auth, range, ifRange, ifNoneMatch, prefer) -> auth + range + ifRange + ifNoneMatch + prefer);
        return Combinators.combine(Arbitraries.of("GET", "HEAD"), paths, queries(), headers)
                .as((method, path, query, head) -> method + " " + path + query.replace(" ", "%20") + " HTTP/1.1\r\n"
                        + head);
    }

    @Property(tries = 2000)
    void noRequestGetsA5xx(@ForAll("requests") String request) {
        int status = RawHttp.status(Instances.port(instance), request.replace("\r\n\r\n", "\r\n"), new byte[0]);
        assertThat(status).as(request).isLessThan(500);
    }

    @Provide
    Arbitrary<Map<String, String>> forms() {
        Arbitrary<String> values = Arbitraries.oneOf(junk(), callSids(), Arbitraries.of("completed", "absent", ""));
        return Arbitraries.maps(Arbitraries.of("AccountSid", "CallSid", "RecordingSid", "RecordingStatus",
                "RecordingStartTime", "RecordingDuration", "X"), values).ofMaxSize(7);
    }

    @Provide
    Arbitrary<String> formMethods() {
        return Arbitraries.of("POST", "PUT", "PATCH", "DELETE");
    }

    @Property(tries = 500)
    void noWebhookFormGetsA5xx_signedOrNot_whateverItsMethod(@ForAll("forms") Map<String, String> form,
                                                              @ForAll("businesses") String business,
                                                              @ForAll boolean signed, @ForAll("formMethods") String method) {
        String query = "?business_id=" + business.replace(" ", "%20");
        String body = form.entrySet().stream().map(field -> field.getKey() + "=" + field.getValue())
                .collect(java.util.stream.Collectors.joining("&"));
        int status = RawHttp.status(Instances.port(instance), method + " " + TwilioWebhooks.PATH + query + " HTTP/1.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "X-Twilio-Signature: " + (signed ? TwilioWebhooks.signature(query, form) : "forged"),
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(status).as(query + " " + body).isLessThan(500);
    }

    @Provide
    Arbitrary<String> businesses() {
        return businessIds();
    }

    @Provide
    Arbitrary<String> keys() {
        return callSids();
    }

    @Provide
    Arbitrary<String> records() {
        Arbitrary<String> fields = Combinators.combine(Arbitraries.of("callSid", "businessId", "recordingSid", "direction",
                "startedAt", "durationSeconds", "requestedAt", "reason", "source", "recordingCreatedAt"),
                Arbitraries.oneOf(junk().map(value -> "\"" + value.replace("\\", "").replace("\"", "") + "\""),
                        callSids().map(value -> "\"" + value.replace("\\", "").replace("\"", "") + "\""),
                        Arbitraries.of("null", "1", "-1", "[]", "{}", "true", "\"inbound\"", "\"webhook\"",
                                "\"command\"", "\"playback\"", "\"" + Instant.now() + "\"")))
                .as((name, value) -> "\"" + name + "\":" + value);
        return Arbitraries.oneOf(fields.list().ofMaxSize(8).map(list -> "{" + String.join(",", list) + "}"),
                junk(), Arbitraries.of("", "null", "[]", "{", "\"text\""));
    }

    @Property(tries = 600)
    void noRecordOnAnyTopicStopsAConsumer(@ForAll("records") String value, @ForAll("keys") String key) {
        for (String topic : List.of(PREFIX + ".calls", PREFIX + ".registrations", PREFIX + ".download-requests")) {
            calls.send(topic, key, value);
        }
    }

    @net.jqwik.api.lifecycle.AfterProperty
    void consumersStillRun() {
        assertThat(instance.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers())
                .allMatch(container -> container.isRunning());
    }
}

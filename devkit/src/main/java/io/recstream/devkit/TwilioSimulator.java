package io.recstream.devkit;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.Options.ChunkedEncodingPolicy;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A stand-in for Twilio's recordings API on a local port (WireMock): recording metadata, a call's recordings, and
 * the MP3 media, behind HTTP Basic auth, with Twilio's JSON shapes and error bodies. The media answers with a
 * redirect to a storage URL, as Twilio does, which must be fetched without the credentials.
 */
public final class TwilioSimulator implements AutoCloseable {

    public static final String ACCOUNT_SID = "AC" + "5".repeat(32);
    public static final String AUTH_TOKEN = "simulated-auth-token";

    /** The version segment of every Twilio REST path: a name Twilio gave its API, not a time. */
    public static final String API_VERSION = "2010-04-01";

    /** Twilio's date format (RFC 2822: weekday, day, month name, year, time, numeric zone), in UTC. */
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    private static final String API = "/" + API_VERSION + "/Accounts/" + ACCOUNT_SID;
    private static final String STORAGE = "/storage/";
    /** Twilio's error code for a request without valid credentials. */
    private static final int UNAUTHENTICATED = 20003;
    /**
     * The Authorization header of a request with valid credentials, matched as it is: WireMock's own basic-auth
     * matching built its pattern again, by reflection, for every request it matched.
     */
    private static final StringValuePattern VALID_CREDENTIALS = equalTo("Basic " + Base64.getEncoder()
            .encodeToString((ACCOUNT_SID + ':' + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)));
    private static final String AUTHORIZATION = "Authorization";

    private final WireMockServer server;
    private final Map<String, List<String>> recordingsByCall = new ConcurrentHashMap<>();
    private final Map<String, String> recordingJsonBySid = new ConcurrentHashMap<>();
    private final Map<String, String> listingByCall = new ConcurrentHashMap<>();
    private final Map<String, Media> mediaBySid = new ConcurrentHashMap<>();
    private final Map<String, StubMapping> faults = new ConcurrentHashMap<>();
    private final TrickleServer trickles = new TrickleServer();
    /** Read once: WireMock builds its whole HTTPS configuration, a class path lookup included, on every call. */
    private final String baseUrl;

    private TwilioSimulator(int port) {
        // Twilio's media storage announces a Content-Length: no chunked bodies, as WireMock would send by default.
        // The request journal (what was asked, and when) keeps no response body: it would keep every recording sent.
        // No log line per request either: WireMock writes each answer's definition into it, a recording as Base64 JSON
        // (a fifth of the simulator's CPU in a burst of first plays), even when the logger discards it.
        server = new WireMockServer(options().port(port).bindAddress("127.0.0.1")
                .containerThreads(128).jettyAcceptors(2).useChunkedTransferEncoding(ChunkedEncodingPolicy.NEVER)
                .maxLoggedResponseSize(0).stubRequestLoggingDisabled(true).extensions(new RecordingsByKey()));
        server.start();
        baseUrl = server.baseUrl();
        // Without valid credentials Twilio answers 401; with them, anything unknown is a 404 (error 20404).
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(twilioError(401, UNAUTHENTICATED, "Authenticate")));
        server.stubFor(any(anyUrl()).atPriority(9).withHeader(AUTHORIZATION, VALID_CREDENTIALS).willReturn(notFound()));
        // One stub per kind of answer, each looking its recording up by key: WireMock matches a request against
        // every stub in turn, so a stub per recording made each request cost as much as all the recordings added.
        server.stubFor(get(urlPathMatching(API + "/Recordings/[^/]+\\.json"))
                .withHeader(AUTHORIZATION, VALID_CREDENTIALS).atPriority(1).willReturn(served(Answer.METADATA)));
        server.stubFor(get(urlPathEqualTo(API + "/Recordings.json")).withQueryParam("CallSid", matching(".+"))
                .withHeader(AUTHORIZATION, VALID_CREDENTIALS).atPriority(1).willReturn(served(Answer.LISTING)));
        server.stubFor(get(urlPathMatching(API + "/Recordings/[^/]+\\.mp3"))
                .withHeader(AUTHORIZATION, VALID_CREDENTIALS).atPriority(1).willReturn(served(Answer.MEDIA_REDIRECT)));
        server.stubFor(get(urlPathMatching(STORAGE + "[^/]+\\.mp3")).withHeader(AUTHORIZATION, absent())
                .atPriority(1).willReturn(served(Answer.MEDIA)));
    }

    public static TwilioSimulator start() {
        return new TwilioSimulator(0);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public WireMockServer wireMock() {
        return server;
    }

    /** Adds a completed recording that Twilio serves at once. */
    public void addRecording(String callSid, String recordingSid, Instant createdAt, byte[] mp3) {
        addRecording(callSid, recordingSid, createdAt, mp3, Duration.ZERO);
    }

    /** Adds a completed recording whose media Twilio takes {@code mediaDelay} to start sending. */
    public void addRecording(String callSid, String recordingSid, Instant createdAt, byte[] mp3, Duration mediaDelay) {
        recordingJsonBySid.put(recordingSid, recordingJson(callSid, recordingSid, createdAt, "completed"));
        mediaBySid.put(recordingSid, new Media(mp3, mediaDelay));
        recordingsByCall.computeIfAbsent(callSid, c -> new ArrayList<>()).add(recordingSid);
        listCall(callSid);
    }

    /** Makes Twilio answer that the recording is gone (deleted): 404 with error 20404 for metadata and media. */
    public void deleteRecording(String recordingSid) {
        server.stubFor(get(urlPathEqualTo(API + "/Recordings/" + recordingSid + ".json")).atPriority(0)
                .willReturn(notFound()));
        server.stubFor(get(urlPathEqualTo(API + "/Recordings/" + recordingSid + ".mp3")).atPriority(0)
                .willReturn(notFound()));
    }

    /** Makes the recording's media answer {@code status} (e.g. 503) until {@link #healMedia} is called. */
    public void failMedia(String recordingSid, int status) {
        StubMapping fault = server.stubFor(get(urlPathEqualTo(API + "/Recordings/" + recordingSid + ".mp3")).atPriority(0)
                .willReturn(twilioError(status, status == 429 ? 20429 : 20500, "Simulated outage")));
        faults.put(recordingSid, fault);
    }

    /**
     * Makes the recording's media arrive slowly, in {@code chunks} pieces over {@code total}, until healed; its
     * {@code Content-Length} is announced first, as Twilio's media storage does.
     */
    public void dribbleMedia(String recordingSid, byte[] mp3, int chunks, Duration total) {
        dribbleMedia(recordingSid, mp3, Duration.ZERO, chunks, total);
    }

    /** As {@link #dribbleMedia(String, byte[], int, Duration)}, its first byte sent after {@code firstByte}. */
    public void dribbleMedia(String recordingSid, byte[] mp3, Duration firstByte, int chunks, Duration total) {
        sendMedia(recordingSid, mp3, mp3.length, firstByte, chunks, total);
    }

    /**
     * Makes the recording's media break off: {@code Content-Length} announces all of {@code mp3}, only its first
     * {@code sent} bytes come (in {@code chunks} pieces over {@code total}), then the connection closes. Until healed.
     */
    public void cutMedia(String recordingSid, byte[] mp3, int sent, int chunks, Duration total) {
        sendMedia(recordingSid, Arrays.copyOf(mp3, sent), mp3.length, Duration.ZERO, chunks, total);
    }

    /** The storage URL redirects once more, to {@link TrickleServer}, which keeps the schedule. */
    private void sendMedia(String recordingSid, byte[] body, long announced, Duration firstByte, int chunks,
                           Duration total) {
        String path = storagePath(recordingSid);
        trickles.serve(path, new TrickleServer.Trickle(body, announced, firstByte, chunks, total));
        StubMapping slow = server.stubFor(get(urlPathEqualTo(path)).atPriority(0)
                .willReturn(aResponse().withStatus(302).withHeader("Location", trickles.url(path) + "?Signature=sim")));
        faults.put(recordingSid, slow);
    }

    /** Ends a fault set by {@link #failMedia}, {@link #dribbleMedia} or {@link #cutMedia}. */
    public void healMedia(String recordingSid) {
        StubMapping fault = faults.remove(recordingSid);
        if (fault != null) {
            server.removeStub(fault);
        }
        trickles.stop(storagePath(recordingSid));
    }

    /** Registers a call that has no recording at Twilio (an empty listing). */
    public void addCallWithoutRecording(String callSid) {
        recordingsByCall.putIfAbsent(callSid, new ArrayList<>());
        listCall(callSid);
    }

    /** How many times the media of a recording was fetched (the storage request, after the redirect). */
    public int mediaDownloads(String recordingSid) {
        return server.countRequestsMatching(getRequestedFor(urlPathEqualTo(storagePath(recordingSid))).build())
                .getCount();
    }

    /** How many times a call's recordings were listed (a worker looking for the recording of a call). */
    public int listings(String callSid) {
        return server.countRequestsMatching(getRequestedFor(urlPathEqualTo(API + "/Recordings.json"))
                .withQueryParam("CallSid", equalTo(callSid)).build()).getCount();
    }

    public String recordingPath(String recordingSid, String extension) {
        return API + "/Recordings/" + recordingSid + "." + extension;
    }

    @Override
    public void close() {
        server.stop();
        trickles.close();
    }

    private void listCall(String callSid) {
        String recordings = recordingsByCall.getOrDefault(callSid, List.of()).stream()
                .map(recordingJsonBySid::get).collect(Collectors.joining(","));
        String uri = API + "/Recordings.json?CallSid=" + callSid + "&PageSize=50&Page=0";
        listingByCall.put(callSid, """
                {"recordings":[%s],"end":0,"first_page_uri":"%s","next_page_uri":null,"page":0,\
                "page_size":50,"previous_page_uri":null,"start":0,"uri":"%s"}""".formatted(recordings, uri, uri));
    }

    private static String storagePath(String recordingSid) {
        return STORAGE + recordingSid + ".mp3";
    }

    /** A recording's media as its storage sends it: the bytes, after Twilio's delay to start. */
    private record Media(byte[] mp3, Duration delay) {
    }

    /** What a stub of {@link RecordingsByKey} answers, told by the stub's transformer parameter. */
    private enum Answer { METADATA, LISTING, MEDIA_REDIRECT, MEDIA }

    private static ResponseDefinitionBuilder served(Answer answer) {
        return aResponse().withTransformers(RecordingsByKey.NAME).withTransformerParameter("answer", answer.name());
    }

    /**
     * Answers a stub's kind of request from the recordings added, by the key in its path or query (a recording's SID,
     * a call's SID); as Twilio answers a key it does not know: 404, or 401 for a storage URL.
     */
    private final class RecordingsByKey implements ResponseDefinitionTransformerV2 {
        static final String NAME = "recordings-by-key";

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            Answer answer = Answer.valueOf(serveEvent.getTransformerParameters().getString("answer"));
            String path = serveEvent.getRequest().getUrl().split("\\?", 2)[0];
            String key = answer == Answer.LISTING
                    ? serveEvent.getRequest().queryParameter("CallSid").firstValue()
                    : path.substring(path.lastIndexOf('/') + 1, path.lastIndexOf('.'));
            Optional<ResponseDefinitionBuilder> found = switch (answer) {
                case METADATA -> Optional.ofNullable(recordingJsonBySid.get(key)).map(TwilioSimulator::okJson);
                case LISTING -> Optional.ofNullable(listingByCall.get(key)).map(TwilioSimulator::okJson);
                case MEDIA_REDIRECT -> Optional.ofNullable(mediaBySid.get(key)).map(media -> aResponse().withStatus(302)
                        .withHeader("Location", baseUrl + storagePath(key) + "?Signature=sim"));
                case MEDIA -> Optional.ofNullable(mediaBySid.get(key)).map(media -> aResponse().withStatus(200)
                        .withHeader("Content-Type", "audio/mpeg")
                        .withFixedDelay((int) media.delay().toMillis()).withBody(media.mp3()));
            };
            return found.orElseGet(() -> answer == Answer.MEDIA
                    ? twilioError(401, UNAUTHENTICATED, "Authenticate") : notFound()).build();
        }
    }

    /** An instant as Twilio writes it in its JSON and its callbacks' forms. */
    public static String twilioDate(Instant instant) {
        return RFC_2822.format(instant);
    }

    /** The public URL Twilio gives a recording (its media without an extension), as the webhook reports it. */
    public static String recordingUrl(String recordingSid) {
        return "https://api.twilio.com" + API + "/Recordings/" + recordingSid;
    }

    private static String recordingJson(String callSid, String recordingSid, Instant createdAt, String status) {
        return """
                {"account_sid":"%1$s","api_version":"%6$s","call_sid":"%2$s","conference_sid":null,\
                "date_created":"%4$s","date_updated":"%4$s","start_time":"%4$s","duration":"15","sid":"%3$s",\
                "price":null,"price_unit":"USD","status":"%5$s","channels":1,"source":"RecordVerb","error_code":null,\
                "uri":"/%6$s/Accounts/%1$s/Recordings/%3$s.json","encryption_details":null,\
                "subresource_uris":{"add_on_results":"/%6$s/Accounts/%1$s/Recordings/%3$s/AddOnResults.json",\
                "transcriptions":"/%6$s/Accounts/%1$s/Recordings/%3$s/Transcriptions.json"},\
                "media_url":"%7$s"}"""
                .formatted(ACCOUNT_SID, callSid, recordingSid, twilioDate(createdAt), status, API_VERSION,
                        recordingUrl(recordingSid));
    }

    private static ResponseDefinitionBuilder okJson(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json;charset=utf-8").withBody(json);
    }

    private static ResponseDefinitionBuilder notFound() {
        return twilioError(404, 20404, "The requested resource was not found");
    }

    private static ResponseDefinitionBuilder twilioError(int status, int code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=utf-8").withBody("""
                {"code":%d,"message":"%s","more_info":"https://www.twilio.com/docs/errors/%d","status":%d}"""
                .formatted(code, message, code, status));
    }
}

package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CallsListEndToEndTest extends EndToEndTest {

    private static final Pattern CALL_SID = Pattern.compile("\"callSid\":\"(CA[0-9a-f]{32})\"");
    private static final Pattern NEXT = Pattern.compile("\"next\":(null|\"([^\"]+)\")");

    private static List<String> callSids(String json) {
        List<String> sids = new ArrayList<>();
        Matcher matcher = CALL_SID.matcher(json);
        while (matcher.find()) {
            sids.add(matcher.group(1));
        }
        return sids;
    }

    private static String next(String json) {
        Matcher matcher = NEXT.matcher(json);
        return matcher.find() ? matcher.group(2) : null;
    }

    private String list(String business, String query) {
        HttpResponse<byte[]> response = get("/api/calls?business_id=" + business + query, tokenFor(business));
        assertThat(response.statusCode()).as(body(response)).isEqualTo(200);
        return body(response);
    }

    private static String aBusiness() {
        return "list-" + Calls.sid("CA").substring(2, 12);
    }

    private Calls.TestCall callOf(String business, String direction, Duration age) {
        return registered(CALLS.recorded(business, direction, Calls.audio(100), age, Duration.ZERO));
    }

    @Test
    void calls_areListedNewestFirst_withTheirRecordingStatusAndStreamUrl() {
        String business = aBusiness();
        Calls.TestCall old = callOf(business, "inbound", Duration.ofHours(5));
        Calls.TestCall recent = callOf(business, "outbound", Duration.ofHours(1));
        playUntilReady(recent);

        String json = list(business, "");

        assertThat(callSids(json)).containsExactly(recent.callSid(), old.callSid());
        assertThat(json).contains("\"direction\":\"outbound\"", "\"from\":\"+15550001\"", "\"durationSeconds\":60",
                "\"recording\":{\"status\":\"ready\",\"streamUrl\":\"/api/recordings/" + recent.callSid()
                        + "/stream?business_id=" + business + "\"}",
                "\"status\":\"not_cached\"", "\"next\":null");
    }

    @Test
    void aFailedRecording_saysWhy_inTheListAndItsStatus() {
        String business = aBusiness();
        Calls.TestCall deleted = callOf(business, "inbound", Duration.ofHours(2));
        INFRA.twilio.deleteRecording(deleted.recordingSid());
        String unrecorded = Calls.sid("CA");
        INFRA.twilio.addCallWithoutRecording(unrecorded);
        CALLS.report(unrecorded, business, null, "inbound", Instant.now().minus(Duration.ofHours(3)));
        Calls.TestCall withoutRecording = registered(new Calls.TestCall(unrecorded, business, null, new byte[0]));
        String token = tokenFor(business);

        await().atMost(Duration.ofSeconds(20)).until(() -> get(streamPath(deleted), token).statusCode() == 404);
        await().atMost(Duration.ofSeconds(20)).until(() -> get(streamPath(withoutRecording), token).statusCode() == 404);

        assertThat(list(business, "")).contains("\"recording\":{\"status\":\"failed\",\"streamUrl\":\"/api/recordings/"
                        + deleted.callSid() + "/stream?business_id=" + business + "\",\"reason\":\"recording_unavailable\"}",
                "/api/recordings/" + unrecorded + "/stream?business_id=" + business + "\",\"reason\":\"no_recording\"}");
        assertThat(statusOf(deleted)).contains("\"status\":\"failed\"", "\"reason\":\"recording_unavailable\"");
        assertThat(statusOf(withoutRecording)).contains("\"reason\":\"no_recording\"");
    }

    @Test
    void direction_filtersTheList() {
        String business = aBusiness();
        Calls.TestCall inbound = callOf(business, "inbound", Duration.ofHours(2));
        Calls.TestCall outbound = callOf(business, "outbound", Duration.ofHours(3));

        assertThat(callSids(list(business, "&direction=outbound"))).containsExactly(outbound.callSid());
        assertThat(callSids(list(business, "&direction=inbound"))).containsExactly(inbound.callSid());
    }

    @Test
    void pagination_goesOnWhereItStopped_whileNewCallsArrive() {
        String business = aBusiness();
        List<String> existing = new ArrayList<>();
        for (int hour = 1; hour <= 5; hour++) {
            existing.add(callOf(business, "inbound", Duration.ofHours(hour)).callSid());
        }

        String first = list(business, "&limit=2");
        callOf(business, "inbound", Duration.ofMinutes(1));
        callOf(business, "outbound", Duration.ofMinutes(2));
        String second = list(business, "&limit=2&before=" + next(first));
        String third = list(business, "&limit=2&before=" + next(second));

        List<String> paged = new ArrayList<>();
        paged.addAll(callSids(first));
        paged.addAll(callSids(second));
        paged.addAll(callSids(third));
        assertThat(paged).containsExactlyElementsOf(existing);
        assertThat(next(third)).isNull();
    }

    private Calls.TestCall callBetween(String business, String direction, String from, String to, Duration age) {
        return registered(CALLS.recordedBetween(business, direction, from, to, Calls.audio(100), age, Duration.ZERO));
    }

    @Test
    void aSearch_findsCallsByNumberInAnyFormat_bySidPrefix_andByTimeWithDirection_pagedAndOnlyTheBusinesses() {
        String business = aBusiness();
        Calls.TestCall older = callBetween(business, "inbound", "+972500000007", "+97231234567", Duration.ofHours(30));
        Calls.TestCall newer = callBetween(business, "outbound", "+97231234567", "+972500000007", Duration.ofHours(3));
        Calls.TestCall other = callBetween(business, "inbound", "+972500000008", "+97231234567", Duration.ofHours(2));
        callBetween(aBusiness(), "inbound", "+972500000007", "+97231234567", Duration.ofHours(1));

        for (String number : List.of("%2B972-50-000-0007", "050-000-0007", "0007", "050%200000%20007")) {
            assertThat(callSids(list(business, "&q=" + number))).as(number)
                    .containsExactly(newer.callSid(), older.callSid());
        }
        assertThat(callSids(list(business, "&q=" + other.callSid().substring(0, 10)))).containsExactly(other.callSid());
        String sinceADayAgo = "&since=" + Instant.now().minus(Duration.ofHours(24));
        assertThat(callSids(list(business, sinceADayAgo))).containsExactly(other.callSid(), newer.callSid());
        assertThat(callSids(list(business, sinceADayAgo + "&direction=outbound"))).containsExactly(newer.callSid());
        assertThat(callSids(list(business, "&until=" + Instant.now().minus(Duration.ofHours(24)))))
                .containsExactly(older.callSid());

        String first = list(business, "&q=0007&limit=1");
        assertThat(callSids(first)).containsExactly(newer.callSid());
        assertThat(callSids(list(business, "&q=0007&limit=1&before=" + next(first)))).containsExactly(older.callSid());
    }

    @Test
    void tenants_seeOnlyTheirOwnCalls() {
        String mine = aBusiness();
        String theirs = aBusiness();
        Calls.TestCall own = callOf(mine, "inbound", Duration.ofHours(1));
        callOf(theirs, "inbound", Duration.ofHours(1));

        assertThat(callSids(list(mine, ""))).containsExactly(own.callSid());
        HttpResponse<byte[]> foreign = get("/api/calls?business_id=" + theirs, tokenFor(mine));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(body(foreign)).contains("\"code\":\"business_forbidden\"");
    }

    @Test
    void badParameters_answer400WithACode() {
        String business = aBusiness();
        String token = tokenFor(business);

        assertThat(body(get("/api/calls", token))).contains("\"code\":\"business_id_required\"");
        assertThat(body(get("/api/calls?business_id=" + business + "&direction=sideways", token)))
                .contains("\"code\":\"invalid_direction\"");
        assertThat(body(get("/api/calls?business_id=" + business + "&limit=0", token))).contains("\"code\":\"invalid_limit\"");
        assertThat(body(get("/api/calls?business_id=" + business + "&limit=ten", token))).contains("\"code\":\"invalid_limit\"");
        assertThat(body(get("/api/calls?business_id=" + business + "&before=garbage!", token)))
                .contains("\"code\":\"invalid_cursor\"");
        assertThat(get("/api/calls?business_id=" + business + "&limit=5000", token).statusCode()).isEqualTo(200);
        for (String bad : List.of("&since=yesterday", "&until=2026-13-01T00:00:00Z", "&q=007", "&q=CA123")) {
            HttpResponse<byte[]> answer = get("/api/calls?business_id=" + business + bad, token);
            assertThat(answer.statusCode()).as(bad).isEqualTo(400);
            assertThat(body(answer)).as(bad).contains("\"code\":\"bad_request\"");
        }
    }
}

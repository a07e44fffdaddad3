package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Finding a call in the calls page, in a real headless Chromium against the real service: the search box and the date
 * range (kept in the address), the tabs within a search, a guarded "load more", a list that failed and is tried again,
 * and rows that say what can't be played.
 */
class FindingCallsBrowserTest extends EndToEndTest {

    private static ChromeDriver browser;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void closeBrowser() {
        browser.quit();
    }

    private static String aBusiness() {
        return "find-" + Calls.sid("CA").substring(2, 10);
    }

    private CallsPage page() {
        return new CallsPage(browser, port);
    }

    private Calls.TestCall call(String business, String direction, String from, Duration age) {
        return CALLS.recordedBetween(business, direction, from, "+15550002", Calls.audio(100), age, Duration.ZERO);
    }

    /** Waits until the business's list holds {@code count} calls, so that the page sees them all. */
    private void awaitListed(String business, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> new String(get("/api/calls?business_id=" + business
                + "&limit=200", tokenFor(business)).body(), StandardCharsets.UTF_8).split("\"callSid\"").length - 1
                == count);
    }

    private List<String> rows() {
        return browser.findElements(By.cssSelector("#calls tr")).stream()
                .map(row -> row.getDomAttribute("data-call-sid")).toList();
    }

    private void awaitRows(List<String> callSids) {
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> rows().equals(callSids));
    }

    private String address() {
        return URLDecoder.decode(browser.getCurrentUrl(), StandardCharsets.UTF_8);
    }

    /** Sets a date field as a date picker does. */
    private void pickDate(String id, LocalDate date) {
        page().script("""
                const field = document.getElementById(arguments[0]);
                field.value = arguments[1];
                field.dispatchEvent(new Event('input', { bubbles: true }));""", id, date.toString());
    }

    @Test
    void typingANumber_filtersTheList_keepsTheSearchInTheAddress_andAReloadKeepsIt() {
        String business = aBusiness();
        Calls.TestCall israeli = call(business, "inbound", "+972500000007", Duration.ofHours(1));
        Calls.TestCall american = call(business, "inbound", "+12025550143", Duration.ofHours(2));
        Calls.TestCall outbound = call(business, "outbound", "+972500000007", Duration.ofHours(3));
        awaitListed(business, 3);
        page().open(business, tokenFor(business), "");
        awaitRows(List.of(israeli.callSid(), american.callSid()));

        browser.findElement(By.cssSelector("input[type=search]")).sendKeys("050-000-0007");
        awaitRows(List.of(israeli.callSid()));
        assertThat(address()).contains("q=050-000-0007", "view=inbound");
        Browser.screenshot(browser, "calls-search");

        browser.navigate().refresh();
        awaitRows(List.of(israeli.callSid()));
        assertThat(browser.findElement(By.id("q")).getDomProperty("value")).isEqualTo("050-000-0007");

        browser.findElement(By.id("tab-outbound")).click();
        awaitRows(List.of(outbound.callSid()));
        assertThat(address()).contains("q=050-000-0007", "view=outbound");
    }

    @Test
    void aSearchThatMatchesNothing_saysSoPlainly_andATooShortOneSaysWhatItNeeds() {
        String business = aBusiness();
        Calls.TestCall only = call(business, "inbound", "+972500000007", Duration.ofHours(1));
        awaitListed(business, 1);
        page().open(business, tokenFor(business), "");
        awaitRows(List.of(only.callSid()));

        WebElement search = browser.findElement(By.id("q"));
        search.sendKeys("9999");
        awaitRows(List.of());
        WebElement empty = browser.findElement(By.id("empty"));
        assertThat(empty.isDisplayed()).isTrue();
        assertThat(empty.getText()).isEqualTo("אין שיחות התואמות לחיפוש.");

        search.clear();
        search.sendKeys("99");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("search-hint")).getText()
                .startsWith("לחיפוש יש להקליד לפחות 4 ספרות"));
        awaitRows(List.of(only.callSid()));
    }

    @Test
    void aDateRange_boundsTheList_andIsKeptInTheAddress() {
        String business = aBusiness();
        Calls.TestCall recent = call(business, "inbound", "+972500000007", Duration.ofHours(1));
        Calls.TestCall older = call(business, "inbound", "+972500000008", Duration.ofDays(4));
        awaitListed(business, 2);
        page().open(business, tokenFor(business), "");
        awaitRows(List.of(recent.callSid(), older.callSid()));
        String zone = (String) page().script("return Intl.DateTimeFormat().resolvedOptions().timeZone");
        LocalDate today = LocalDate.ofInstant(Instant.now(), ZoneId.of(zone));

        pickDate("since", today.minusDays(2));
        awaitRows(List.of(recent.callSid()));
        assertThat(address()).contains("since=" + today.minusDays(2));

        pickDate("since", today.minusDays(6));
        pickDate("until", today.minusDays(3));
        awaitRows(List.of(older.callSid()));
        assertThat(address()).contains("since=" + today.minusDays(6), "until=" + today.minusDays(3));

        browser.navigate().refresh();
        awaitRows(List.of(older.callSid()));
    }

    @Test
    void loadMore_asksOnceAtATime_andMovesTheFocusToTheFirstNewRow() {
        String business = aBusiness();
        List<String> callSids = new ArrayList<>();
        for (int hour = 1; hour <= 23; hour++) {
            callSids.add(call(business, "inbound", "+97250000" + (1000 + hour), Duration.ofHours(hour)).callSid());
        }
        awaitListed(business, 23);
        page().open(business, tokenFor(business), "");
        awaitRows(callSids.subList(0, 20));

        page().script("const more = document.getElementById('more'); more.click(); more.click();");

        awaitRows(callSids);
        assertThat(page().script("return document.activeElement.dataset.callSid")).isEqualTo(callSids.get(20));
    }

    /** A business with an inbound and an outbound call of the same number, its page open on the inbound one. */
    private Calls.TestCall pageOfAnInboundAndAnOutboundCall() {
        String business = aBusiness();
        Calls.TestCall inbound = call(business, "inbound", "+972500000007", Duration.ofHours(1));
        Calls.TestCall outbound = call(business, "outbound", "+972500000007", Duration.ofHours(2));
        awaitListed(business, 2);
        page().open(business, tokenFor(business), "");
        awaitRows(List.of(inbound.callSid()));
        return outbound;
    }

    @Test
    void anAnswerForAnEarlierQuery_isDropped_whenTheAgentHasMovedOn() {
        Calls.TestCall outbound = pageOfAnInboundAndAnOutboundCall();
        // The inbound list answers late from now on, as a slow network would.
        page().script("""
                const realFetch = window.fetch;
                window.fetch = (url, init) => {
                  if (!String(url).includes('direction=inbound')) return realFetch(url, init);
                  window.lateInboundAsked = true;
                  return new Promise((resolve) => setTimeout(resolve, 1500)).then(() => realFetch(url, init));
                };""");

        browser.findElement(By.id("q")).sendKeys("0007");
        await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.TRUE.equals(page().script(
                "return window.lateInboundAsked")));
        browser.findElement(By.id("tab-outbound")).click();

        awaitRows(List.of(outbound.callSid()));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                .until(() -> rows().equals(List.of(outbound.callSid())));
    }

    @Test
    void aListThatFailedToLoad_offersToTryAgain() {
        Calls.TestCall outbound = pageOfAnInboundAndAnOutboundCall();
        // The next list answers 503, as while Redis is rebuilt; then the service is back.
        page().script("""
                const realFetch = window.fetch;
                let failures = 1;
                window.fetch = (url, init) => String(url).startsWith('/api/calls?') && failures-- > 0
                  ? Promise.resolve(new Response(JSON.stringify({ code: 'service_unavailable' }),
                      { status: 503, headers: { 'Content-Type': 'application/problem+json' } }))
                  : realFetch(url, init);""");

        browser.findElement(By.id("tab-outbound")).click();
        WebElement notice = browser.findElement(By.id("notice"));
        await().atMost(Duration.ofSeconds(10)).until(notice::isDisplayed);
        assertThat(notice.getText()).startsWith("לא ניתן לטעון את השיחות כרגע.");

        notice.findElement(By.cssSelector("button.retry-list")).click();
        awaitRows(List.of(outbound.callSid()));
        assertThat(notice.isDisplayed()).isFalse();
    }

    @Test
    void rowsThatCantPlay_sayWhy_andOfferNoPlay() {
        String business = aBusiness();
        Calls.TestCall expired = call(business, "inbound", "+972500000001", Duration.ofDays(7).plusHours(12));
        Calls.TestCall deleted = call(business, "inbound", "+972500000002", Duration.ofHours(2));
        INFRA.twilio.deleteRecording(deleted.recordingSid());
        String unrecorded = Calls.sid("CA");
        INFRA.twilio.addCallWithoutRecording(unrecorded);
        CALLS.report(unrecorded, business, null, "inbound", Instant.now().minus(Duration.ofHours(3)));
        Calls.TestCall withoutRecording = registered(new Calls.TestCall(unrecorded, business, null, new byte[0]));
        String token = tokenFor(business);
        // Each was tried once: Twilio said there is no such recording, or no recording of the call.
        await().atMost(Duration.ofSeconds(20)).until(() -> get(streamPath(deleted), token).statusCode() == 404);
        await().atMost(Duration.ofSeconds(20)).until(() -> get(streamPath(withoutRecording), token).statusCode() == 404);
        page().open(business, token, "");

        assertThat(noPlay(expired)).isEqualTo("ההקלטה נמחקה: הקלטות נשמרות 7 ימים.");
        assertThat(noPlay(deleted)).isEqualTo("ההקלטה אינה קיימת עוד אצל ספק ההקלטות.");
        assertThat(noPlay(withoutRecording)).isEqualTo("לשיחה זו אין הקלטה.");
        Browser.screenshot(browser, "calls-rows-without-play");
    }

    /** What the call's row says instead of a player; the row has no button. */
    private String noPlay(Calls.TestCall call) {
        WebElement row = page().rowOf(call.callSid());
        assertThat(row.findElements(By.cssSelector("button"))).as("no Play in the row of %s", call.callSid()).isEmpty();
        return row.findElement(By.cssSelector(".no-play")).getText();
    }
}

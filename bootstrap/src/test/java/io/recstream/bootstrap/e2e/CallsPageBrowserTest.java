package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.recstream.application.port.out.DownloadBudget;
import io.recstream.devkit.Samples;
import io.recstream.domain.BusinessId;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

/**
 * The calls page in a real headless Chromium against the real service: the player's preparing message with its
 * attempt count, playback of a real MP3, seeking by range requests, each error message, and the outbound view.
 * Screenshots land in target/screenshots ({@code bin/screenshots} refreshes the README's, in docs/screenshots).
 */
@Import(CallsPageBrowserTest.RangeRecorder.class)
// One test makes Twilio fail on purpose: keep the circuit closed so that it does not spill over into the others
// (Resilience4j takes no more minimum calls than its window holds: both are raised). Another has Twilio send nothing
// for a minute: its download waits for it, rather than failing and retrying.
// The player waits 6 s for a download or a play that does not advance (20 s by default), so that its give-ups are
// seen sooner.
@TestPropertySource(properties = {"recstream.twilio.circuit-breaker.minimum-calls=1000",
        "recstream.twilio.circuit-breaker.sliding-window-size=1000", "recstream.twilio.read-timeout=90s",
        "recstream.ui.stalled-download-give-up=6s"})
class CallsPageBrowserTest extends EndToEndTest {

    @Autowired
    DownloadBudget downloadBudget;

    private static final String BUSINESS = "ui-" + Calls.sid("CA").substring(2, 10);
    private static ChromeDriver browser;

    /**
     * Records the Range header and status of every recording request, to see what the audio element asks for; and
     * breaks or holds the range requests of the recordings a test names, as a network or an instance would mid-play.
     * A Tomcat valve, so that it sees every request, before any filter (cached plays are answered by the first one).
     */
    @TestConfiguration
    static class RangeRecorder {
        static final List<String> SEEN = new CopyOnWriteArrayList<>();
        /** Call SIDs whose range requests answer 503. */
        static final Set<String> BROKEN = ConcurrentHashMap.newKeySet();
        /** Call SIDs whose range requests are held, unanswered, while they are here (at most a minute). */
        static final Set<String> HELD = ConcurrentHashMap.newKeySet();

        private static String rangedCallSid(Request request) {
            String uri = request.getRequestURI();
            return request.getHeader("Range") == null || !uri.startsWith("/api/recordings/") ? null
                    : uri.substring("/api/recordings/".length()).split("/")[0];
        }

        @Bean
        WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> rangeRecordingValve() {
            return factory -> factory.addEngineValves(new ValveBase() {
                @Override
                public void invoke(Request request, Response response) throws IOException, ServletException {
                    String ranged = rangedCallSid(request);
                    if (ranged != null && BROKEN.contains(ranged)) {
                        response.sendError(503);
                        return;
                    }
                    long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                    while (ranged != null && HELD.contains(ranged) && System.nanoTime() < until) {
                        LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                    }
                    getNext().invoke(request, response);
                    if (request.getRequestURI().startsWith("/api/recordings/")) {
                        SEEN.add(request.getMethod() + " " + request.getRequestURI() + " prefer=" + request.getHeader("Prefer")
                                + " " + request.getHeader("Range") + " " + response.getStatus());
                    }
                }
            });
        }
    }

    @BeforeAll
    static void openBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void closeBrowser() {
        browser.quit();
    }

    private static byte[] sampleMp3(int repetitions) {
        return Samples.repeatedMp3(1, repetitions);
    }

    private CallsPage page() {
        return new CallsPage(browser, port);
    }

    private void openCallsPage(String query) {
        page().open(BUSINESS, tokenFor(BUSINESS), query);
    }

    /** An inbound call an hour old whose recording (the sample, repeated) Twilio sends after the delay; the page open. */
    private Calls.TestCall shownInboundCall(int sampleRepetitions, Duration twilioDelay) {
        Calls.TestCall call = registered(CALLS.recorded(BUSINESS, "inbound", sampleMp3(sampleRepetitions),
                Duration.ofHours(1), twilioDelay));
        openCallsPage("");
        return call;
    }

    private WebElement rowOf(Calls.TestCall call) {
        return page().rowOf(call.callSid());
    }

    private String playAndAwaitSettled(WebElement row) {
        row.findElement(By.cssSelector("button.play")).click();
        WebElement player = row.findElement(By.cssSelector(".player"));
        await().atMost(Duration.ofSeconds(40)).until(() -> List.of("ready", "playing", "error", "gave-up")
                .contains(player.getDomAttribute("data-state")));
        return row.findElement(By.cssSelector(".status")).getText();
    }

    private Object script(String script, Object... args) {
        return page().script(script, args);
    }

    /** The shared end-to-end tuning gives way to this class's own settings (it once silently won over them). */
    @Test
    void thisClassesOwnSettings_winOverTheSharedTuning(@Autowired Environment environment) {
        assertThat(environment.getProperty("recstream.twilio.read-timeout")).isEqualTo("90s");
        assertThat(environment.getProperty("recstream.twilio.stall-timeout")).as("the shared tuning").isEqualTo("2s");
    }

    @Test
    void aFirstPlay_showsThePreparingMessage_thenPlays_andSeeksWithRangeRequests() {
        Calls.TestCall call = shownInboundCall(400, Duration.ofMillis(2500));
        WebElement row = rowOf(call);
        Browser.screenshot(browser, "calls-inbound");

        row.findElement(By.cssSelector("button.play")).click();
        WebElement status = row.findElement(By.cssSelector(".status"));
        await().atMost(Duration.ofSeconds(5)).until(() -> status.getText().equals("מכין הקלטה... (נסיון 1/10)"));
        Browser.screenshot(browser, "player-preparing");

        WebElement player = row.findElement(By.cssSelector(".player"));
        awaitPlaying(call, row);
        WebElement audio = row.findElement(By.tagName("audio"));
        assertThat(((Number) script("return arguments[0].readyState", audio)).intValue()).isGreaterThanOrEqualTo(3);
        assertThat(((Number) script("return arguments[0].duration", audio)).doubleValue()).isGreaterThan(60);
        await("the waveform of a recording played the first time").atMost(Duration.ofSeconds(30))
                .until(() -> "drawn".equals(player.getDomAttribute("data-waveform")));
        Browser.screenshot(browser, "player-playing");

        RangeRecorder.SEEN.clear();
        script("arguments[0].currentTime = arguments[0].duration * 0.9", audio);
        await().atMost(Duration.ofSeconds(15)).until(() -> RangeRecorder.SEEN.stream().anyMatch(seen ->
                seen.contains(call.callSid()) && seen.matches(".* bytes=[1-9][0-9]*-[0-9]* 206")));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                ((Number) script("return arguments[0].currentTime", audio)).doubleValue() > 60);
    }

    @Test
    void afterThe202_thePlayersNextAskIsHeldUntilTheRecordingIsReady_insteadOfPollingAfterRetryAfter() {
        Calls.TestCall call = shownInboundCall(20, Duration.ofMillis(500));
        WebElement row = rowOf(call);
        RangeRecorder.SEEN.clear();

        row.findElement(By.cssSelector("button.play")).click();
        awaitPlaying(call, row);

        List<String> asks = RangeRecorder.SEEN.stream().filter(seen -> seen.startsWith("HEAD ")
                && seen.contains(call.callSid())).toList();
        String stream = "HEAD /api/recordings/" + call.callSid() + "/stream ";
        assertThat(asks.getFirst()).isEqualTo(stream + "prefer=null null 202");
        assertThat(asks.subList(1, asks.size())).as("held asks (Retry-After is 2 s), the last answered when ready")
                .allMatch(ask -> ask.startsWith(stream + "prefer=wait=2 "))
                .last().asString().endsWith(" 200");
    }

    /**
     * Waits until the row's player plays; if it does not, says what the player, the audio element, the browser's
     * console, the recording's requests and its status were.
     */
    private void awaitPlaying(Calls.TestCall call, WebElement row) {
        WebElement player = row.findElement(By.cssSelector(".player"));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> "playing".equals(player.getDomAttribute("data-state")));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not playing: the player is " + player.getDomAttribute("data-state") + ", saying '"
                    + row.findElement(By.cssSelector(".status")).getText() + "'; its audio: "
                    + script("const a = arguments[0]; return JSON.stringify({src: a.currentSrc, readyState: a.readyState,"
                            + " networkState: a.networkState, paused: a.paused, error: a.error && a.error.message})",
                            row.findElement(By.tagName("audio")))
                    + "; the browser's console about it: " + browser.manage().logs().get(LogType.BROWSER).getAll()
                            .stream().filter(entry -> entry.getMessage().contains(call.callSid())).toList()
                    + "; the recording's requests: " + RangeRecorder.SEEN.stream()
                            .filter(seen -> seen.contains(call.callSid())).toList()
                    + "; its status: " + statusOf(call), e);
        }
    }

    /** Plays the call's recording from the row until it plays, then seeks to 90 %, past what the audio has loaded. */
    private WebElement playThenSeekFar(Calls.TestCall call, Runnable beforeTheSeek) {
        WebElement row = rowOf(call);
        row.findElement(By.cssSelector("button.play")).click();
        awaitPlaying(call, row);
        beforeTheSeek.run();
        script("arguments[0].currentTime = arguments[0].duration * 0.9", row.findElement(By.tagName("audio")));
        return row;
    }

    /** After an interruption: the one control offered is the retry, and it goes on from where the audio stopped. */
    private void retryResumesNearTheEnd(WebElement row) {
        assertThat(row.findElements(By.cssSelector("button.play, button.toggle, button.retry")).stream()
                .filter(WebElement::isDisplayed).map(button -> button.getDomAttribute("class"))).containsExactly("retry");
        row.findElement(By.cssSelector("button.retry")).click();
        WebElement audio = row.findElement(By.tagName("audio"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "playing".equals(row.findElement(By.cssSelector(".player"))
                .getDomAttribute("data-state")) && (Boolean) script("return !arguments[0].paused", audio));
        assertThat(((Number) script("return arguments[0].currentTime / arguments[0].duration", audio)).doubleValue())
                .as("where it stopped").isGreaterThan(0.85);
    }

    @Test
    void anErrorMidPlay_saysWhere_andTheRetryGoesOnFromThere() {
        Calls.TestCall call = shownInboundCall(400, Duration.ZERO);
        WebElement row = playThenSeekFar(call, () -> RangeRecorder.BROKEN.add(call.callSid()));
        try {
            WebElement player = row.findElement(By.cssSelector(".player"));
            await().atMost(Duration.ofSeconds(15)).until(() -> "interrupted".equals(player.getDomAttribute("data-state")));
            assertThat(row.findElement(By.cssSelector(".status")).getText()).startsWith("ההשמעה נקטעה ב-")
                    .endsWith("לחצו \"נסו שוב\" כדי להמשיך משם.");
            Browser.screenshot(browser, "player-interrupted");
        } finally {
            RangeRecorder.BROKEN.remove(call.callSid());
        }
        retryResumesNearTheEnd(row);
    }

    @Test
    void aPlayThatGetsNoData_isGivenUpAfterTheStallTime_andTheRetryGoesOnFromThere() {
        Calls.TestCall call = shownInboundCall(400, Duration.ZERO);
        WebElement row = playThenSeekFar(call, () -> RangeRecorder.HELD.add(call.callSid()));
        try {
            WebElement player = row.findElement(By.cssSelector(".player"));
            await().atMost(Duration.ofSeconds(20)).until(() -> "interrupted".equals(player.getDomAttribute("data-state")));
            assertThat(row.findElement(By.cssSelector(".status")).getText())
                    .isEqualTo("ההשמעה נעצרה: לא התקבלו נתונים 6 שניות. לחצו \"נסו שוב\" כדי להמשיך.");
        } finally {
            RangeRecorder.HELD.remove(call.callSid());
        }
        retryResumesNearTheEnd(row);
    }

    @Test
    void theOutboundView_listsOnlyOutboundCalls() {
        Calls.TestCall inbound = registered(CALLS.recorded(BUSINESS, "inbound", sampleMp3(1), Duration.ofHours(1), Duration.ZERO));
        Calls.TestCall outbound = registered(CALLS.recorded(BUSINESS, "outbound", sampleMp3(1), Duration.ofHours(2), Duration.ZERO));
        openCallsPage("&view=outbound");

        rowOf(outbound);
        List<WebElement> rows = browser.findElements(By.cssSelector("#calls tr"));
        assertThat(rows).extracting(row -> row.getDomAttribute("data-direction")).containsOnly("outbound");
        assertThat(rows).extracting(row -> row.getDomAttribute("data-call-sid")).doesNotContain(inbound.callSid());
        assertThat(browser.findElement(By.id("tab-outbound")).getDomAttribute("aria-selected")).isEqualTo("true");
        Browser.screenshot(browser, "calls-outbound");

        browser.findElement(By.id("tab-inbound")).click();
        rowOf(inbound);
        assertThat(browser.findElements(By.cssSelector("#calls tr[data-direction='outbound']"))).isEmpty();

        browser.manage().window().setSize(new Dimension(390, 844));
        Browser.screenshot(browser, "calls-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    void eachProblem_hasItsOwnMessage() {
        Calls.TestCall expired = registered(CALLS.recorded(BUSINESS, "inbound", sampleMp3(1), Duration.ofDays(7).plusHours(12), Duration.ZERO));
        Calls.TestCall deleted = registered(CALLS.recorded(BUSINESS, "inbound", sampleMp3(1), Duration.ofHours(3), Duration.ZERO));
        INFRA.twilio.deleteRecording(deleted.recordingSid());
        Calls.TestCall failing = registered(CALLS.recorded(BUSINESS, "inbound", sampleMp3(1), Duration.ofHours(4), Duration.ZERO));
        INFRA.twilio.failMedia(failing.recordingSid(), 503);
        openCallsPage("");

        assertThat(rowOf(expired).findElement(By.cssSelector(".no-play")).getText())
                .as("the retention from /ui/config").isEqualTo("ההקלטה נמחקה: הקלטות נשמרות 7 ימים.");
        assertThat(rowOf(expired).findElements(By.cssSelector("button"))).as("no Play for a deleted recording").isEmpty();
        assertThat(playAndAwaitSettled(rowOf(deleted))).isEqualTo("ההקלטה אינה קיימת עוד אצל ספק ההקלטות.");
        assertThat(playAndAwaitSettled(rowOf(failing))).startsWith("ספק ההקלטות אינו זמין כרגע. נסו שוב בעוד");
        Browser.screenshot(browser, "player-errors");

        assertThat(playerMessageFor("/api/recordings/" + Calls.sid("CA") + "/stream?business_id=" + BUSINESS))
                .isEqualTo("ההקלטה לא נמצאה.");
        assertThat(playerMessageFor(streamPath(expired))).isEqualTo("פג תוקף ההקלטה: הקלטות נשמרות 7 ימים בלבד.");
        assertThat(playerMessageFor("/api/recordings/" + expired.callSid() + "/stream?business_id=other-business"))
                .isEqualTo("אין לך הרשאה להקלטות של עסק זה.");
    }

    @Test
    @SuppressWarnings("unchecked") // the page's array of numbers, as WebDriver returns it
    void whenNoServerHoldsTheAsk_thePlayerPollsAsRetryAfterSays_untilItPlays() {
        Calls.TestCall call = shownInboundCall(20, Duration.ofMillis(2500));
        WebElement row = rowOf(call);
        // As behind a proxy that drops Prefer: recstream answers each ask at once, without Preference-Applied.
        script("""
                const realFetch = window.fetch;
                window.asksAt = [];
                window.fetch = (url, init = {}) => {
                  const headers = { ...(init.headers ?? {}) };
                  delete headers.Prefer;
                  if (init.method === 'HEAD') window.asksAt.push(performance.now());
                  return realFetch(url, { ...init, headers });
                };""");
        RangeRecorder.SEEN.clear();

        row.findElement(By.cssSelector("button.play")).click();
        awaitPlaying(call, row);

        assertThat(RangeRecorder.SEEN.stream().filter(seen -> seen.startsWith("HEAD ") && seen.contains(call.callSid())))
                .as("no ask reached recstream with Prefer").allMatch(ask -> ask.contains(" prefer=null "));
        List<Double> asksAt = ((List<Number>) script("return window.asksAt")).stream().map(Number::doubleValue).toList();
        assertThat(asksAt).as("the 202, the ask at once that was not held, then polls until ready").hasSizeGreaterThan(3);
        for (int i = 2; i < asksAt.size(); i++) {
            assertThat(asksAt.get(i) - asksAt.get(i - 1)).as("ms between asks %d and %d (Retry-After is 2 s)", i, i + 1)
                    .isGreaterThan(1900);
        }
    }

    @Test
    void aBusinessPastItsDownloadBudget_isToldSo_andThePlayerTriesAgainAsAsked_untilItPlays() {
        String business = "ui-budget-" + Calls.sid("CA").substring(2, 8);
        Calls.TestCall call = registered(CALLS.recorded(business, "inbound", sampleMp3(1), Duration.ofHours(1),
                Duration.ZERO));
        page().open(business, tokenFor(business), "");
        WebElement row = rowOf(call);
        // Spend the business's budget (it refills 2 a second), as a burst of other plays would, right before Play.
        while (downloadBudget.tryTake(new BusinessId(business)).isEmpty()) {
            Thread.onSpinWait();
        }
        row.findElement(By.cssSelector("button.play")).click();
        WebElement player = row.findElement(By.cssSelector(".player"));

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> "limited".equals(player.getDomAttribute("data-state")));
        assertThat(row.findElement(By.cssSelector(".status")).getText()).startsWith("יותר מדי בקשות כרגע. מנסה שוב בעוד");
        awaitPlaying(call, row);
    }

    @Test
    void aRecordingWhoseDownloadNeverAdvances_isGivenUp_sayingSo() {
        Calls.TestCall slow = registered(CALLS.recorded(BUSINESS, "inbound", sampleMp3(1), Duration.ofHours(5), Duration.ZERO));
        // Twilio sends nothing for a minute: the download does not advance, and the player gives up after 20 s.
        INFRA.twilio.dribbleMedia(slow.recordingSid(), slow.media(), Duration.ofSeconds(60), 1, Duration.ofMillis(100));
        openCallsPage("");

        assertThat(playAndAwaitSettled(rowOf(slow))).startsWith("ההקלטה עדיין לא מוכנה: ההורדה לא התקדמה ")
                .endsWith(" שניות. נסו שוב בעוד כמה דקות.");
        assertThat(rowOf(slow).findElement(By.cssSelector("button.play")).getDomAttribute("aria-label")).startsWith("השמע");
    }

    @Test
    void loadMore_bringsTheNextPage_untilAllCallsAreShown() {
        String busy = "ui-more-" + Calls.sid("CA").substring(2, 8);
        List<String> callSids = new java.util.ArrayList<>();
        for (int hour = 1; hour <= 23; hour++) {
            callSids.add(CALLS.recorded(busy, "inbound", sampleMp3(1), Duration.ofHours(hour), Duration.ZERO).callSid());
        }
        // Wait until the calls topic has registered all 23 before the page asks for them.
        await().atMost(Duration.ofSeconds(20)).until(() -> new String(get("/api/calls?business_id=" + busy + "&limit=200",
                tokenFor(busy)).body(), java.nio.charset.StandardCharsets.UTF_8).split("\"callSid\"").length - 1 == 23);
        page().open(busy, tokenFor(busy), "");

        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElements(By.cssSelector("#calls tr")).size() == 20);
        WebElement more = browser.findElement(By.id("more"));
        assertThat(more.isDisplayed()).isTrue();
        more.click();

        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElements(By.cssSelector("#calls tr")).size() == 23);
        assertThat(browser.findElements(By.cssSelector("#calls tr"))).extracting(row -> row.getDomAttribute("data-call-sid"))
                .containsExactlyElementsOf(callSids);
        assertThat(more.isDisplayed()).isFalse();
    }

    /** The same player component, for any stream URL, as both views use it. */
    private String playerMessageFor(String streamUrl) {
        script("""
                return import('/player.js').then(module => {
                  const player = module.createRecordingPlayer({ callSid: 'CA0', streamUrl: arguments[0], label: 'בדיקה' });
                  player.id = 'probe';
                  document.getElementById('probe')?.remove();
                  document.body.append(player);
                  player.querySelector('button').click();
                });""", streamUrl);
        WebElement probe = browser.findElement(By.id("probe"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "error".equals(probe.getDomAttribute("data-state")));
        return probe.findElement(By.cssSelector(".status")).getText();
    }
}

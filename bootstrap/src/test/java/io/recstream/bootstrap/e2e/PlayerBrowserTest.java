package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.recstream.devkit.Samples;
import io.recstream.devkit.SpeechCalls;
import io.recstream.devkit.SpeechCalls.SpeechCall;
import io.recstream.devkit.SpeechCalls.Turn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The player's controls in a real headless Chromium: the waveform drawn from the peaks before the audio, one lane per
 * speaker; seeking by click and drag; speed, skipping and the keyboard; resuming; the download's name and bytes.
 */
class PlayerBrowserTest extends EndToEndTest {

    private static final String BUSINESS = "player-" + Calls.sid("CA").substring(2, 10);
    /** Two minutes of the devkit's spoken sample: long enough to skip in, short enough for a pixel to be 1/4 s. */
    private static final int SAMPLE_REPETITIONS = 20;

    @TempDir
    static Path downloads;
    @TempDir
    static Path speech;
    private static ChromeDriver browser;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.start(downloads);
    }

    @AfterAll
    static void closeBrowser() {
        browser.quit();
    }

    private CallsPage page() {
        return new CallsPage(browser, port);
    }

    /** A call whose recording is cached (so the page lists it as ready), the page open on its view. */
    private WebElement shownCachedCall(Calls.TestCall call, String direction) {
        registered(call);
        playUntilReady(call);
        page().open(BUSINESS, tokenFor(BUSINESS), "&view=" + direction);
        return page().rowOf(call.callSid());
    }

    private WebElement shownCachedCall(Calls.TestCall inbound) {
        return shownCachedCall(inbound, "inbound");
    }

    private Calls.TestCall spokenSample() {
        return CALLS.recorded(BUSINESS, "inbound", Samples.repeatedMp3(1, SAMPLE_REPETITIONS), Duration.ofHours(1),
                Duration.ZERO);
    }

    private static WebElement audio(WebElement row) {
        return row.findElement(By.tagName("audio"));
    }

    private double currentTime(WebElement row) {
        return page().number("return arguments[0].currentTime", audio(row));
    }

    private double duration(WebElement row) {
        return page().number("return arguments[0].duration", audio(row));
    }

    /** Plays from the start until the audio has data, then pauses it with the player's own control. */
    private void playThenPause(WebElement row) {
        row.findElement(By.cssSelector("button.play")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> "playing".equals(row.findElement(By.cssSelector(".player"))
                .getDomAttribute("data-state")));
        row.findElement(By.cssSelector("button.toggle")).click();
        await().atMost(Duration.ofSeconds(5)).until(() -> (Boolean) page().script("return arguments[0].paused",
                audio(row)));
    }

    /** m:ss, as the player shows a time. */
    private static String formatted(double seconds) {
        int whole = (int) seconds;
        return whole / 60 + ":" + String.format("%02d", whole % 60);
    }

    private void seekWithScript(WebElement row, double seconds) {
        page().script("arguments[0].currentTime = arguments[1]", audio(row), seconds);
        await().atMost(Duration.ofSeconds(5)).until(() -> Math.abs(currentTime(row) - seconds) < 0.1);
    }

    /**
     * How much of each lane's height is painted, per canvas column: lane by lane, column by column, 0 to 1.
     */
    @SuppressWarnings("unchecked") // the page's arrays of numbers, as WebDriver returns them
    private List<List<Number>> paintedHeights(WebElement row, int lanes) {
        return (List<List<Number>>) page().script("""
                const [canvas, lanes] = arguments;
                const { width, height } = canvas;
                const pixels = canvas.getContext('2d').getImageData(0, 0, width, height).data;
                const laneHeight = height / lanes;
                const heights = [];
                for (let lane = 0; lane < lanes; lane++) {
                  const columns = [];
                  for (let x = 0; x < width; x++) {
                    let painted = 0;
                    for (let y = Math.ceil(lane * laneHeight); y < Math.floor((lane + 1) * laneHeight); y++) {
                      painted += pixels[4 * (y * width + x) + 3] > 0 ? 1 : 0;
                    }
                    columns.push(painted / laneHeight);
                  }
                  heights.push(columns);
                }
                return heights;""", row.findElement(By.cssSelector("canvas.lanes")), lanes);
    }

    /** The share of the waveform's columns drawn in the played colour (the accent blue, not the grey). */
    private double playedShare(WebElement row) {
        return page().number("""
                const canvas = arguments[0];
                const { width, height } = canvas;
                const pixels = canvas.getContext('2d').getImageData(0, 0, width, height).data;
                let played = 0;
                for (let x = 0; x < width; x++) {
                  for (let y = 0; y < height; y++) {
                    const at = 4 * (y * width + x);
                    if (pixels[at + 3] > 0) {
                      played += pixels[at] < 100 ? 1 : 0; // the accent's red is 10, the grey's 169
                      break;
                    }
                  }
                }
                return played / width;""", row.findElement(By.cssSelector("canvas.lanes")));
    }

    private static double meanOver(List<Number> columns, double fromShare, double toShare) {
        int from = (int) (columns.size() * fromShare);
        int to = (int) (columns.size() * toShare);
        return columns.subList(from, to).stream().mapToDouble(Number::doubleValue).average().orElseThrow();
    }

    @Test
    void theWaveform_isDrawnBeforeTheAudio_oneLanePerSpeaker_loudWhereEachSpeaks() throws Exception {
        SpeechCall spoken = SpeechCalls.twoChannels(Files.createDirectories(speech.resolve("two")));
        Calls.TestCall call = CALLS.recorded(BUSINESS, "outbound", Files.readAllBytes(spoken.mp3()),
                Duration.ofHours(1), Duration.ZERO);
        WebElement row = shownCachedCall(call, "outbound");
        WebElement player = row.findElement(By.cssSelector(".player"));

        await().atMost(Duration.ofSeconds(10)).until(() -> "drawn".equals(player.getDomAttribute("data-waveform")));
        assertThat(audio(row).getDomAttribute("src")).as("no audio asked for yet").isNull();
        assertThat(player.getDomAttribute("data-channels")).isEqualTo("2");
        assertThat(row.findElements(By.cssSelector(".lane-label"))).extracting(WebElement::getText)
                .as("on an outbound call the agent's leg is the first channel").containsExactly("נציג", "לקוח");
        Browser.screenshot(browser, "player-waveform");

        List<List<Number>> lanes = paintedHeights(row, 2);
        Turn agent = spoken.turns().get(0);
        Turn customer = spoken.turns().get(1);
        double agentFrom = agent.fromSeconds() / spoken.seconds();
        double agentTo = agent.toSeconds() / spoken.seconds();
        double customerFrom = customer.fromSeconds() / spoken.seconds();
        double customerTo = customer.toSeconds() / spoken.seconds();
        // the middle of each turn, clear of its edges
        double agentSpeaks = meanOver(lanes.get(0), agentFrom + 0.1 * (agentTo - agentFrom), agentTo - 0.1 * (agentTo - agentFrom));
        double agentListens = meanOver(lanes.get(0), customerFrom + 0.1 * (customerTo - customerFrom), customerTo - 0.1 * (customerTo - customerFrom));
        double customerSpeaks = meanOver(lanes.get(1), customerFrom + 0.1 * (customerTo - customerFrom), customerTo - 0.1 * (customerTo - customerFrom));
        double customerListens = meanOver(lanes.get(1), agentFrom + 0.1 * (agentTo - agentFrom), agentTo - 0.1 * (agentTo - agentFrom));
        assertThat(agentSpeaks).as("the agent's lane while the agent speaks, against while the customer does")
                .isGreaterThan(3 * agentListens);
        assertThat(customerSpeaks).as("the customer's lane while the customer speaks, against while the agent does")
                .isGreaterThan(3 * customerListens);
    }

    @Test
    void phoneNumbers_keepTheirPlusOnTheLeft_inTheRightToLeftPage() {
        Calls.TestCall call = registered(spokenSample());
        page().open(BUSINESS, tokenFor(BUSINESS), "");
        WebElement row = page().rowOf(call.callSid());

        for (String cell : List.of("מ", "אל")) {
            WebElement number = row.findElement(By.cssSelector("td[data-label='" + cell + "'] > *"));
            assertThat(number.getText()).startsWith("+");
            double plusAt = leftEdgeOfCharacter(number, 0);
            double firstDigitAt = leftEdgeOfCharacter(number, 1);
            assertThat(plusAt).as("the + of the number in '%s' is drawn left of its digits", cell)
                    .isLessThan(firstDigitAt);
        }
    }

    /** Where the page draws the {@code index}th character of the element's text, from the viewport's left. */
    private double leftEdgeOfCharacter(WebElement element, int index) {
        return page().number("""
                const text = arguments[0].firstChild;
                const range = document.createRange();
                range.setStart(text, arguments[1]);
                range.setEnd(text, arguments[1] + 1);
                return range.getBoundingClientRect().left;""", element, index);
    }

    @Test
    void clickingTheWaveform_seeksWithinASecondOfThere_andDraggingSeeksWhereItIsLetGo() {
        WebElement row = shownCachedCall(spokenSample());
        playThenPause(row);
        WebElement wave = row.findElement(By.cssSelector(".wave"));
        int width = wave.getSize().getWidth();
        double duration = duration(row);

        // Selenium's offsets are from the element's centre; the timeline runs left to right.
        new Actions(browser).moveToElement(wave, -width / 4, 0).click().perform();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(currentTime(row)).isCloseTo(0.25 * duration, within(1.0)));
        assertThat(playedShare(row)).as("the played part is coloured up to the cursor").isCloseTo(0.25, within(0.03));

        new Actions(browser).moveToElement(wave, -width * 2 / 5, 0).clickAndHold().moveByOffset(width / 2, 0)
                .release().perform();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(currentTime(row)).isCloseTo(0.6 * duration, within(1.0)));
        assertThat(playedShare(row)).isCloseTo(0.6, within(0.03));
        Browser.screenshot(browser, "player-controls");
    }

    @Test
    void theSpeedControl_andItsKeys_setThePlaybackRate() {
        WebElement row = shownCachedCall(spokenSample());
        playThenPause(row);

        new Select(row.findElement(By.cssSelector("select.speed"))).selectByValue("1.5");
        assertThat(page().number("return arguments[0].playbackRate", audio(row))).isEqualTo(1.5);
        WebElement wave = row.findElement(By.cssSelector(".wave"));
        wave.sendKeys("]");
        assertThat(page().number("return arguments[0].playbackRate", audio(row))).isEqualTo(2);
        wave.sendKeys("[", "[", "[");
        assertThat(page().number("return arguments[0].playbackRate", audio(row))).isEqualTo(1);
        wave.sendKeys("[", "[");
        assertThat(page().number("return arguments[0].playbackRate", audio(row))).as("the slowest stays").isEqualTo(0.75);
    }

    @Test
    void theSkipButtons_moveByTenSeconds_theTimeShowsIt_theArrowsByFive_andSpacePlaysAndPauses() {
        WebElement row = shownCachedCall(spokenSample());
        playThenPause(row);
        seekWithScript(row, 30);

        row.findElement(By.cssSelector("button.forward")).click();
        assertThat(currentTime(row)).isCloseTo(40, within(0.1));
        String total = formatted(duration(row));
        await().atMost(Duration.ofSeconds(5)).until(() -> row.findElement(By.cssSelector(".time")).getText(),
                ("0:40 / " + total)::equals);
        row.findElement(By.cssSelector("button.back")).click();
        row.findElement(By.cssSelector("button.back")).click();
        assertThat(currentTime(row)).isCloseTo(20, within(0.1));

        WebElement wave = row.findElement(By.cssSelector(".wave"));
        wave.sendKeys(Keys.ARROW_RIGHT);
        assertThat(currentTime(row)).isCloseTo(25, within(0.1));
        wave.sendKeys(Keys.ARROW_LEFT, Keys.ARROW_LEFT);
        assertThat(currentTime(row)).isCloseTo(15, within(0.1));

        wave.sendKeys(Keys.SPACE);
        await().atMost(Duration.ofSeconds(5)).until(() -> !(Boolean) page().script("return arguments[0].paused",
                audio(row)));
        wave.sendKeys(Keys.SPACE);
        await().atMost(Duration.ofSeconds(5)).until(() -> (Boolean) page().script("return arguments[0].paused",
                audio(row)));
    }

    @Test
    void pageUpAndPageDown_onTheWaveform_moveByThirtySeconds() {
        WebElement row = shownCachedCall(spokenSample());
        playThenPause(row);
        seekWithScript(row, 40);

        WebElement wave = row.findElement(By.cssSelector(".wave"));
        wave.sendKeys(Keys.PAGE_UP);
        assertThat(currentTime(row)).isCloseTo(70, within(0.1));
        wave.sendKeys(Keys.PAGE_DOWN, Keys.PAGE_DOWN);
        assertThat(currentTime(row)).isCloseTo(10, within(0.1));
    }

    /** The visible controls among Play, the deck's play/pause and the retry: one for one recording. */
    private static List<String> visiblePlayControls(WebElement row) {
        return row.findElements(By.cssSelector("button.play, button.toggle, button.retry")).stream()
                .filter(WebElement::isDisplayed).map(button -> button.getDomAttribute("class")).toList();
    }

    @Test
    void aCachedRecording_offersOnePlayControl_beforeAndAfterItStarts() {
        WebElement row = shownCachedCall(spokenSample());
        await().atMost(Duration.ofSeconds(10)).until(() -> "drawn".equals(row.findElement(By.cssSelector(".player"))
                .getDomAttribute("data-waveform")));
        assertThat(visiblePlayControls(row)).as("the waveform shown, nothing loaded").containsExactly("play");

        playThenPause(row);
        assertThat(visiblePlayControls(row)).as("loaded").containsExactly("toggle");
    }

    @Test
    void startingOneRecording_pausesTheOtherThatPlays() {
        Calls.TestCall first = spokenSample();
        Calls.TestCall second = spokenSample();
        registered(first);
        playUntilReady(first);
        WebElement secondRow = shownCachedCall(second);
        WebElement firstRow = page().rowOf(first.callSid());

        firstRow.findElement(By.cssSelector("button.play")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> !(Boolean) page().script("return arguments[0].paused",
                audio(firstRow)));
        secondRow.findElement(By.cssSelector("button.play")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> !(Boolean) page().script("return arguments[0].paused",
                audio(secondRow)));

        assertThat((Boolean) page().script("return arguments[0].paused", audio(firstRow))).isTrue();
    }

    @Test
    void questionMark_opensTheShortcutsHelp_listingEveryKey_andEscapeClosesIt() {
        WebElement row = shownCachedCall(spokenSample());
        WebElement help = browser.findElement(By.id("shortcuts"));
        assertThat(help.isDisplayed()).isFalse();

        row.findElement(By.cssSelector(".wave")).sendKeys("?");
        await().atMost(Duration.ofSeconds(5)).until(help::isDisplayed);
        assertThat(help.getText()).contains("רווח", "←", "→", "PageUp", "PageDown", "Home", "End", "[", "]");
        Browser.screenshot(browser, "shortcuts-help");

        help.sendKeys(Keys.ESCAPE);
        await().atMost(Duration.ofSeconds(5)).until(() -> !help.isDisplayed());
        browser.findElement(By.id("help")).click();
        await().atMost(Duration.ofSeconds(5)).until(help::isDisplayed);
        help.sendKeys(Keys.ESCAPE);
    }

    @Test
    void wherePlaybackStopped_isOfferedNextTime_andResumesThere() {
        Calls.TestCall call = spokenSample();
        WebElement row = shownCachedCall(call);
        playThenPause(row);
        seekWithScript(row, 42);
        row.findElement(By.cssSelector("button.toggle")).click();
        row.findElement(By.cssSelector("button.toggle")).click(); // play, then pause: the position is kept

        browser.navigate().refresh();
        WebElement again = page().rowOf(call.callSid());
        WebElement resume = again.findElement(By.cssSelector("button.resume"));
        assertThat(resume.getText()).isEqualTo("המשך מ-0:42");
        resume.click();
        await().atMost(Duration.ofSeconds(20)).until(() -> "playing".equals(again.findElement(By.cssSelector(".player"))
                .getDomAttribute("data-state")));
        assertThat(currentTime(again)).isBetween(41.5, 45.0);
    }

    @Test
    void theDownload_isSavedUnderTheCallsDateAndSid_withTheRecordingsBytes() throws Exception {
        Calls.TestCall call = spokenSample();
        WebElement row = shownCachedCall(call);

        row.findElement(By.cssSelector("a.download")).click();

        String zone = (String) page().script("return Intl.DateTimeFormat().resolvedOptions().timeZone");
        String at = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm").withZone(ZoneId.of(zone)).format(startedAt(call));
        Path saved = downloads.resolve("call-" + at + "_" + call.callSid() + ".mp3");
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(saved)
                && Files.size(saved) == call.media().length);
        assertThat(Files.readAllBytes(saved)).isEqualTo(call.media());
    }

    private Instant startedAt(Calls.TestCall call) {
        String listed = new String(get("/api/calls?business_id=" + BUSINESS + "&limit=200", tokenFor(BUSINESS)).body(),
                StandardCharsets.UTF_8);
        for (JsonNode each : JsonMapper.builder().build().readTree(listed).get("calls")) {
            if (each.get("callSid").asString().equals(call.callSid())) {
                return Instant.parse(each.get("startedAt").asString());
            }
        }
        throw new AssertionError(call.callSid() + " is not listed");
    }
}

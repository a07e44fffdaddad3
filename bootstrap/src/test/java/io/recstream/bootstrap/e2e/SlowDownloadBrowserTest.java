package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.recstream.devkit.Samples;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A slow Twilio in a real headless Chromium: a recording whose first byte comes after a second and whose bytes then
 * trickle in starts playing from its first bytes, long before its download ends, and the player never gives up on it.
 */
class SlowDownloadBrowserTest extends EndToEndTest {

    private static final String BUSINESS = "slow-" + Calls.sid("CA").substring(2, 10);
    private static final Duration FIRST_BYTE = Duration.ofSeconds(1);
    private static final Duration TRICKLE = Duration.ofSeconds(20);

    private static ChromeDriver browser;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void closeBrowser() {
        browser.quit();
    }

    @Test
    void aRecordingTwilioTrickles_playsFromItsFirstBytes_andThePlayerNeverGivesUp() {
        // Half an hour of speech (7 MB): a long call, whose bytes come faster than a browser's first block needs.
        Calls.TestCall call = CALLS.recorded(BUSINESS, "inbound", Samples.repeatedMp3(1, 300), Duration.ofHours(1),
                Duration.ZERO);
        INFRA.twilio.dribbleMedia(call.recordingSid(), call.media(), FIRST_BYTE, 200, TRICKLE);
        registered(call);
        CallsPage page = new CallsPage(browser, port);
        page.open(BUSINESS, tokenFor(BUSINESS), "");
        WebElement row = page.rowOf(call.callSid());
        WebElement player = row.findElement(By.cssSelector(".player"));
        // Every state the player passes through, recorded in the page as it changes.
        page.script("""
                const player = arguments[0];
                window.states = [];
                new MutationObserver(() => window.states.push(player.dataset.state))
                    .observe(player, { attributes: true, attributeFilter: ['data-state'] });""", player);

        long clicked = System.nanoTime();
        row.findElement(By.cssSelector("button.play")).click();
        await().atMost(TRICKLE).until(() -> "playing".equals(player.getDomAttribute("data-state")));
        Duration firstAudio = Duration.ofNanos(System.nanoTime() - clicked);
        WebElement audio = row.findElement(By.tagName("audio"));
        await().atMost(Duration.ofSeconds(10)).until(() -> page.number("return arguments[0].currentTime", audio) > 2);

        // Twilio's first byte comes a second after the download starts, itself a moment after the click.
        assertThat(firstAudio).as("first audio within two seconds of Twilio's first byte")
                .isLessThan(FIRST_BYTE.plusSeconds(2));
        assertThat(INFRA.twilio.mediaDownloads(call.recordingSid())).isEqualTo(1);
        @SuppressWarnings("unchecked") // the page's array of strings, as WebDriver returns it
        List<String> states = (List<String>) page.script("return window.states");
        assertThat(states).as("the player's states").doesNotContain("gave-up", "error", "interrupted");
    }
}

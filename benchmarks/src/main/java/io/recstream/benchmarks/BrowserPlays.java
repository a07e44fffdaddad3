package io.recstream.benchmarks;

import io.recstream.devkit.HeadlessChromium;
import io.recstream.devkit.Samples;
import io.recstream.devkit.TwilioSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * B1: what an agent feels on a first play. Cold recordings (Twilio sends each after a fixed delay) are played one
 * after another by clicking Play in recstream's own page in headless Chromium; each play is timed in the page, from
 * the click to the audio element's {@code readyState ≥ 2} (it has data to play), and reported minus Twilio's delay.
 */
final class BrowserPlays {

    /** Plays before the measured ones: the JIT, the browser's caches, the player's first fetches. */
    private static final int WARM_UP_PLAYS = 3;
    private static final String BUSINESS = "bench";

    record Result(int plays, long overheadP50Millis, long overheadP90Millis, long twilioDelayMillis) {
    }

    /**
     * B2: first audio, minus Twilio's first-byte delay, of recordings whose bytes Twilio trickles, played on the
     * instance that downloads them ({@code downloading}) and on another one sharing the volume ({@code other}).
     */
    record TrickleResult(List<Long> downloading, List<Long> other, int megabytes, long firstByteMillis,
                         long trickleSeconds) {

        long median(List<Long> overheads) {
            return overheads.isEmpty() ? -1 : ColdPath.percentile(overheads.stream().sorted().toList(), 50);
        }
    }

    private BrowserPlays() {
    }

    static Result measure(String base, String token, String bootstrapServers, TwilioSimulator twilio, int plays,
                          Duration delay) throws Exception {
        // A real MP3 of about a minute, so that the browser decodes it.
        byte[] media = Samples.repeatedMp3(1, 20);
        ChromeDriver browser = HeadlessChromium.start();
        try {
            browser.get(base + "/ui/config");
            browser.manage().addCookie(new Cookie("access_token", token));
            List<Long> overhead = new ArrayList<>();
            for (int i = 0; i < WARM_UP_PLAYS + plays; i++) {
                // Each call registered just before its play, as the business's newest: the page's first row.
                String callSid = BenchmarkSuite.sid("CA");
                String recordingSid = BenchmarkSuite.sid("RE");
                twilio.addRecording(callSid, recordingSid, Instant.now().minusSeconds(120), media, delay);
                BenchmarkSuite.registerCalls(bootstrapServers, Map.of(callSid, recordingSid),
                        Instant.now().minusSeconds(60));
                BenchmarkSuite.awaitRegistered(base, List.of(callSid), "access_token=" + token);
                browser.get(base + "/?business_id=" + BUSINESS);
                long millis = timeToFirstAudio(browser, callSid) - delay.toMillis();
                if (i >= WARM_UP_PLAYS) {
                    overhead.add(millis);
                }
            }
            List<Long> sorted = overhead.stream().sorted().toList();
            return new Result(plays, ColdPath.percentile(sorted, 50), ColdPath.percentile(sorted, 90), delay.toMillis());
        } finally {
            browser.quit();
        }
    }

    /**
     * Plays one after another, on the two instances in turn, each a long call (an hour of the devkit's 32 kbit/s
     * speech, 14 MB) whose media Twilio starts after {@code firstByte} and trickles over {@code trickle}; each play
     * waits for the previous download to end, so that the instance whose {@code recstream_downloads_in_flight} rises
     * is the one downloading it.
     */
    static TrickleResult measureTrickled(List<String> instances, String token, String bootstrapServers,
                                         TwilioSimulator twilio, int plays, Duration firstByte, Duration trickle)
            throws Exception {
        byte[] media = Samples.repeatedMp3(1, 600);
        ChromeDriver browser = HeadlessChromium.start();
        try {
            List<Long> downloading = new ArrayList<>();
            List<Long> other = new ArrayList<>();
            for (int i = 0; i < WARM_UP_PLAYS + plays; i++) {
                String base = instances.get(i % instances.size());
                browser.get(base + "/ui/config");
                browser.manage().addCookie(new Cookie("access_token", token));
                String callSid = BenchmarkSuite.sid("CA");
                String recordingSid = BenchmarkSuite.sid("RE");
                twilio.addRecording(callSid, recordingSid, Instant.now().minusSeconds(120), media, Duration.ZERO);
                twilio.dribbleMedia(recordingSid, media, firstByte, 400, trickle);
                BenchmarkSuite.registerCalls(bootstrapServers, Map.of(callSid, recordingSid),
                        Instant.now().minusSeconds(60));
                BenchmarkSuite.awaitRegistered(base, List.of(callSid), "access_token=" + token);
                browser.get(base + "/?business_id=" + BUSINESS);
                long millis = timeToFirstAudio(browser, callSid) - firstByte.toMillis();
                boolean downloadedHere = BenchmarkSuite.metric(base, "recstream_downloads_in_flight") > 0;
                if (i >= WARM_UP_PLAYS) {
                    (downloadedHere ? downloading : other).add(millis);
                }
                BenchmarkSuite.awaitReady(base, callSid, "access_token=" + token, trickle.plusSeconds(30));
                twilio.healMedia(recordingSid);
            }
            return new TrickleResult(downloading, other, media.length / 1_000_000, firstByte.toMillis(),
                    trickle.toSeconds());
        } finally {
            browser.quit();
        }
    }

    /** Clicks the call's Play and waits, in the page, for its audio to have data; then pauses it. */
    private static long timeToFirstAudio(ChromeDriver browser, String callSid) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        // The page lists the calls after it has loaded (a fetch of the calls API).
        while (browser.findElements(By.cssSelector("tr[data-call-sid='" + callSid + "'] button.play")).isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the page shows no row for " + callSid);
            }
            Thread.sleep(20);
        }
        Object millis = browser.executeAsyncScript("""
                const [callSid, done] = arguments;
                const row = document.querySelector(`tr[data-call-sid='${callSid}']`);
                const start = performance.now();
                row.querySelector('button.play').click();
                const check = setInterval(() => {
                  const audio = row.querySelector('audio');
                  if (audio && audio.readyState >= 2) {
                    clearInterval(check);
                    audio.pause();
                    done(Math.round(performance.now() - start));
                  }
                }, 5);
                """, callSid);
        return ((Number) Objects.requireNonNull(millis)).longValue();
    }
}

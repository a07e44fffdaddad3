package io.recstream.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian's packages (chromium, chromium-driver), driven by Selenium, for the browser tests and
 * the benchmark's browser scenario. Its background networking is off: this machine's closed network refuses it.
 */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    public static ChromeDriver start() {
        try {
            return start(Files.createTempDirectory("chromium-downloads-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param downloads where the browser saves what it downloads, without asking */
    public static ChromeDriver start(Path downloads) {
        try {
            ChromeOptions options = new ChromeOptions();
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false));
            options.setBinary("/usr/bin/chromium");
            // The page's console is kept, for a failing test to say what the page said.
            options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required", "--lang=he",
                    "--user-data-dir=" + Files.createTempDirectory("chromium-profile-"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(1280, 900));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

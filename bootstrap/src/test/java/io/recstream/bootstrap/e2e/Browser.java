package io.recstream.bootstrap.e2e;

import io.recstream.devkit.HeadlessChromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;

/** The browser tests' Chromium ({@link HeadlessChromium}) and their screenshots. */
final class Browser {

    /**
     * Under the build's {@code target/}, so that a test run leaves the tree as it found it; {@code bin/screenshots}
     * points {@code recstream.screenshots.dir} at docs/screenshots to refresh the README's pictures.
     */
    static final Path SCREENSHOTS = Path.of(System.getProperty("recstream.screenshots.dir", "target/screenshots"))
            .toAbsolutePath();

    private Browser() {
    }

    static ChromeDriver start() {
        return HeadlessChromium.start();
    }

    /** @param downloads where the browser saves what it downloads */
    static ChromeDriver start(Path downloads) {
        return HeadlessChromium.start(downloads);
    }

    static void screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
                    SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.recstream.bootstrap.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Objects;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** The calls page of an instance in a headless Chromium: opened signed in for a business, and its calls' rows. */
record CallsPage(ChromeDriver browser, int port) {

    /** Signs in with {@code token} (the cookie the page's requests carry) and opens the page of {@code business}. */
    void open(String business, String token, String query) {
        browser.get("http://localhost:" + port + "/ui/config");
        browser.manage().addCookie(new Cookie("access_token", token));
        browser.get("http://localhost:" + port + "/?business_id=" + business + query);
    }

    /** The call's row, once the page has listed it. */
    WebElement rowOf(String callSid) {
        return await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> browser.findElement(By.cssSelector("tr[data-call-sid='" + callSid + "']")),
                        Objects::nonNull);
    }

    Object script(String script, Object... args) {
        return browser.executeScript(script, args);
    }

    double number(String script, Object... args) {
        return ((Number) Objects.requireNonNull(script(script, args))).doubleValue();
    }
}

package io.recstream.adapter.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the calls page needs to know before anyone signs in. */
@RestController
class UiController {

    private final UiConfig config;

    UiController(WebSettings settings) {
        String signInUrl = settings.signInUrl() == null ? "" : settings.signInUrl();
        this.config = new UiConfig(signInUrl.isBlank() ? null : signInUrl,
                settings.stalledDownloadGiveUp().toSeconds(), settings.retention().toDays());
    }

    @GetMapping("/ui/config")
    UiConfig config() {
        return config;
    }

    /**
     * @param stalledDownloadGiveUpSeconds how long the player waits for a download that does not advance
     * @param retentionDays                how many days recordings are kept (whole days of {@code recstream.retention})
     */
    record UiConfig(String signInUrl, long stalledDownloadGiveUpSeconds, long retentionDays) {
    }
}

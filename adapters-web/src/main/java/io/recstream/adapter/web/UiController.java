package io.recstream.adapter.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the calls page needs to know before anyone signs in. */
@RestController
class UiController {

    private final String signInUrl;

    UiController(WebSettings settings) {
        this.signInUrl = settings.signInUrl() == null ? "" : settings.signInUrl();
    }

    @GetMapping("/ui/config")
    UiConfig config() {
        return new UiConfig(signInUrl.isBlank() ? null : signInUrl);
    }

    record UiConfig(String signInUrl) {
    }
}

package io.recstream.adapter.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the calls page needs to know before anyone signs in. */
@RestController
class UiController {

    private final String signInUrl;

    /** @param signInUrl where the page sends a visitor without a token (the identity provider; the local run's picker) */
    UiController(@Value("${recstream.ui.sign-in-url:}") String signInUrl) {
        this.signInUrl = signInUrl;
    }

    @GetMapping("/ui/config")
    UiConfig config() {
        return new UiConfig(signInUrl.isBlank() ? null : signInUrl);
    }

    record UiConfig(String signInUrl) {
    }
}

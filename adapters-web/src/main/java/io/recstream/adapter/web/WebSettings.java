package io.recstream.adapter.web;

import java.time.Duration;

/**
 * What the web adapter is configured with, besides the token key and the webhook's.
 *
 * @param legacyWait how long the old download endpoint waits for a recording before answering 504
 * @param signInUrl  where the calls page sends a visitor without a token (the identity provider); none if blank
 * @param stalledDownloadGiveUp how long the player waits for a download that does not advance before giving up
 * @param peerSecret the secret peers show to read the download this instance holds; null: nothing is shared
 * @param retention  how long recordings are kept, for the page to say so
 */
public record WebSettings(Duration legacyWait, String signInUrl, Duration stalledDownloadGiveUp, String peerSecret,
                          Duration retention) {

    @Override
    public String toString() {
        return "WebSettings[legacyWait=" + legacyWait + ", signInUrl=" + signInUrl + ", stalledDownloadGiveUp="
                + stalledDownloadGiveUp + ", peerSecret=<hidden>, retention=" + retention + "]";
    }
}

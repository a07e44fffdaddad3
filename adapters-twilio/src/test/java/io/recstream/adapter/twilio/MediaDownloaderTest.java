package io.recstream.adapter.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MediaDownloaderTest {

    private final MediaDownloader twilio = new MediaDownloader(new TwilioSettings("AC" + "1".repeat(32), "token",
            URI.create("https://api.twilio.com"), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
            TwilioSettings.DEFAULT_MAX_RECORDING_BYTES, TwilioSettings.Resilience.defaults()), 1);

    @Test
    void credentialsGo_toTheConfiguredSchemeHostAndPortOnly() {
        String media = "/" + TwilioRecordingProvider.API_VERSION + "/Accounts/AC1/Recordings/RE1.mp3";
        assertThat(twilio.sendsCredentialsTo(URI.create("https://api.twilio.com" + media))).isTrue();
        assertThat(twilio.sendsCredentialsTo(URI.create("https://API.twilio.com:443" + media))).isTrue();

        assertThat(twilio.sendsCredentialsTo(URI.create("http://api.twilio.com" + media))).as("clear text").isFalse();
        assertThat(twilio.sendsCredentialsTo(URI.create("https://api.twilio.com:8443" + media))).isFalse();
        assertThat(twilio.sendsCredentialsTo(URI.create("https://api.twilio.com.evil.example" + media))).isFalse();
        assertThat(twilio.sendsCredentialsTo(URI.create("https://media.twiliocdn.com" + media))).isFalse();
        assertThat(twilio.sendsCredentialsTo(URI.create("https://api.twilio.com/elsewhere"))).isFalse();
    }
}

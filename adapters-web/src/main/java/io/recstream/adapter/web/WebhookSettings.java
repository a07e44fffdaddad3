package io.recstream.adapter.web;

/**
 * What the Twilio webhook needs: the auth token and public base of {@code recstream.twilio.*}.
 *
 * @param authToken      the key of Twilio's signatures (required: an empty one, as compose passes for an unset
 *                       variable, is none)
 * @param webhookBaseUrl the public scheme://host[:port] Twilio calls; without it, the URL as this server received it
 */
public record WebhookSettings(String authToken, String webhookBaseUrl) {

    public WebhookSettings {
        if (authToken == null || authToken.isBlank()) {
            throw new IllegalArgumentException("recstream.twilio.auth-token is required: set it (or "
                    + "RECSTREAM_TWILIO_AUTH_TOKEN) to the Twilio account's auth token, the key of webhook signatures");
        }
    }

    @Override
    public String toString() {
        return "WebhookSettings[webhookBaseUrl=" + webhookBaseUrl + ", authToken=<hidden>]";
    }
}

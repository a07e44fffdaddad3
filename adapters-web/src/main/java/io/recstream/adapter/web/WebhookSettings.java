package io.recstream.adapter.web;


/**
 * What the Twilio webhook needs: the auth token and public base of {@code recstream.twilio.*}.
 *
 * @param authToken      the key of Twilio's signatures; without it no webhook is accepted
 * @param webhookBaseUrl the public scheme://host[:port] Twilio calls; without it, the URL as this server received it
 */
public record WebhookSettings(String authToken, String webhookBaseUrl) {

    @Override
    public String toString() {
        return "WebhookSettings[webhookBaseUrl=" + webhookBaseUrl + ", authToken=<hidden>]";
    }
}

package io.recstream.adapter.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the Twilio webhook needs of {@code recstream.twilio.*}.
 *
 * @param authToken      the key of Twilio's signatures; without it no webhook is accepted
 * @param webhookBaseUrl the public scheme://host[:port] Twilio calls; without it, the URL as this server received it
 */
@ConfigurationProperties("recstream.twilio")
record WebhookSettings(String authToken, String webhookBaseUrl) {
}

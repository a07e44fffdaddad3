package io.recstream.adapter.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's webhook signature: Base64(HMAC-SHA1(auth token, URL + each POST parameter's name and value, in name
 * order)). Computed here with the JDK; the tests check it against twilio-java's {@code RequestValidator}.
 */
final class TwilioSignature {

    private final byte[] authToken;

    TwilioSignature(String authToken) {
        this.authToken = authToken.getBytes(StandardCharsets.UTF_8);
    }

    boolean isValid(String signature, String url, Map<String, List<String>> postParameters) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        byte[] expected = compute(url, postParameters).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII));
    }

    String compute(String url, Map<String, List<String>> postParameters) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(postParameters).forEach((name, values) ->
                values.stream().sorted().forEach(value -> data.append(name).append(value)));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}

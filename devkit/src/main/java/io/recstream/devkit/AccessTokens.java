package io.recstream.devkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Mints HS256 access tokens as the identity provider would, for the local run and the tests. */
public final class AccessTokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final byte[] secret;

    public AccessTokens(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String mint(String subject, List<String> businessIds, Duration validity) {
        return mint(subject, businessIds, Instant.now().plus(validity));
    }

    public String mint(String subject, List<String> businessIds, Instant expiresAt) {
        String businesses = businessIds.stream().map(id -> '"' + id + '"').collect(Collectors.joining(","));
        String claims = "{\"sub\":\"%s\",\"business_ids\":[%s],\"iat\":%d,\"exp\":%d}".formatted(subject, businesses,
                Instant.now().getEpochSecond(), expiresAt.getEpochSecond());
        return signed("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims);
    }

    /** Signs any header and claims, so tests can build tokens that are well signed but otherwise wrong. */
    public String signed(String headerJson, String claimsJson) {
        String unsigned = encode(headerJson) + '.' + encode(claimsJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return unsigned + '.' + BASE64URL.encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

package io.recstream.adapter.web;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens it has verified until they expire: a player sends the same cookie with every range request, and
 * verifying it again each time (HMAC, JSON) was a good part of a cached play's cost. Only the identical token string,
 * signature included, hits the cache.
 */
final class CachingJwtDecoder implements JwtDecoder {

    private static final int MAX_TOKENS = 10_000;

    private final JwtDecoder delegate;
    private final Clock clock;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    CachingJwtDecoder(JwtDecoder delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt cached = verified.get(token);
        if (cached != null && cached.getExpiresAt() != null && cached.getExpiresAt().isAfter(clock.instant())) {
            return cached;
        }
        verified.remove(token);
        Jwt jwt = delegate.decode(token);
        if (verified.size() >= MAX_TOKENS) {
            // Rare: many users at once. Start over rather than keep a costly eviction order on every request.
            verified.clear();
        }
        verified.put(token, jwt);
        return jwt;
    }
}

package io.recstream.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

class CachingJwtDecoderTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static Jwt jwtExpiringAt(Instant expiry) {
        return Jwt.withTokenValue("t").header("alg", "HS256").subject("u").issuedAt(NOW.minusSeconds(60)).expiresAt(expiry).build();
    }

    @Test
    void aVerifiedToken_isNotVerifiedAgain_untilItExpires() {
        AtomicInteger verifications = new AtomicInteger();
        Instant expiry = NOW.plusSeconds(60);
        CachingJwtDecoder beforeExpiry = new CachingJwtDecoder(token -> {
            verifications.incrementAndGet();
            return jwtExpiringAt(expiry);
        }, Clock.fixed(NOW, ZoneOffset.UTC));

        beforeExpiry.decode("token-a");
        beforeExpiry.decode("token-a");
        beforeExpiry.decode("token-b");

        assertThat(verifications).hasValue(2);
    }

    @Test
    void anExpiredCachedToken_isVerifiedAgain_andRefused() {
        AtomicInteger verifications = new AtomicInteger();
        var clock = new java.util.concurrent.atomic.AtomicReference<>(NOW);
        Clock movingClock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock.get();
            }
        };
        CachingJwtDecoder decoder = new CachingJwtDecoder(token -> {
            if (verifications.incrementAndGet() > 1) {
                throw new BadJwtException("expired");
            }
            return jwtExpiringAt(NOW.plusSeconds(60));
        }, movingClock);

        decoder.decode("token");
        clock.set(NOW.plusSeconds(61));

        assertThatThrownBy(() -> decoder.decode("token")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }
}

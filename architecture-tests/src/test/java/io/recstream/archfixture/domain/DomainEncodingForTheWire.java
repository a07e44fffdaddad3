package io.recstream.archfixture.domain;

import java.util.Base64;

/** Breaks "the core encodes nothing for a wire": a token for a URL made in the domain. */
public record DomainEncodingForTheWire(long position) {

    public String token() {
        return Base64.getUrlEncoder().encodeToString(Long.toString(position).getBytes());
    }
}

package io.recstream.adapter.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The response headers recstream's security chain adds (Spring Security's defaults, and the policies configured in
 * {@link WebSecurityConfiguration}) to an answer that sets its own {@code Cache-Control} (as a served recording does),
 * for answers given ahead of that chain. A test compares both paths' headers, over HTTP and HTTPS.
 */
final class SecurityHeaders {

    /** Scripts, styles and media from recstream itself only: no inline script, no framing, no plugins. */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";
    static final String REFERRER_POLICY = "no-referrer";
    /** Spring Security's own HSTS value, which it writes on secure requests only. */
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000 ; includeSubDomains";

    private SecurityHeaders() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-XSS-Protection", "0");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("Referrer-Policy", REFERRER_POLICY);
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
    }
}

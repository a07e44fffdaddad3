package io.recstream.adapter.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;

/**
 * The security headers of every answer, defined once: the security chain writes them with these writers (see
 * {@link WebSecurityConfiguration}), and the answers given ahead of it (a plain play, an unreadable request) with the
 * same ones. Cache-Control is not among them: the chain adds its no-store default only to answers that set none (a
 * problem given ahead of it gets the same, {@link #writeNotStored}), and a served recording sets its own. A test
 * compares both paths' headers, over HTTP and HTTPS.
 */
final class SecurityHeaders {

    /** Scripts, styles and media from recstream itself only: no inline script, no framing, no plugins. */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    /** Spring Security's defaults (HSTS on secure requests only), with recstream's policy and no referrer. */
    static final List<HeaderWriter> WRITERS = List.of(
            new XContentTypeOptionsHeaderWriter(),
            new XXssProtectionHeaderWriter(),
            new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY),
            new HstsHeaderWriter(),
            new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY),
            new ReferrerPolicyHeaderWriter(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER));

    /** The chain's own default for an answer with no cache policy of its own: a problem, on the fast path. */
    private static final HeaderWriter NOT_STORED = new CacheControlHeadersWriter();

    private SecurityHeaders() {
    }

    /** The chain's cache default, as it adds it to an answer that sets none: written before a problem is. */
    static void writeNotStored(HttpServletRequest request, HttpServletResponse response) {
        NOT_STORED.writeHeaders(request, response);
    }

    static void write(HttpServletRequest request, HttpServletResponse response) {
        for (HeaderWriter writer : WRITERS) {
            writer.writeHeaders(request, response);
        }
    }
}

package io.recstream.adapter.web;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The response headers Spring Security's defaults add to an answer that sets its own {@code Cache-Control} (as a
 * served recording does), for answers given ahead of its filter chain. A test compares both paths' headers.
 */
final class SecurityHeaders {

    private SecurityHeaders() {
    }

    static void write(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-XSS-Protection", "0");
        response.setHeader("X-Frame-Options", "DENY");
    }
}

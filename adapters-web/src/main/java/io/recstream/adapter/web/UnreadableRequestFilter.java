package io.recstream.adapter.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * First of all filters: a query string or form that the servlet container can't decode (a bad {@code %} escape, a
 * bad encoding, too many parameters) is the client's error, answered {@code 400 bad_request} with one WARN line, on
 * every endpoint, before anything else reads a parameter and turns the container's exception into a 500.
 */
final class UnreadableRequestFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(UnreadableRequestFilter.class);

    private final JsonMapper json;

    UnreadableRequestFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            // The container parses the query (and a form body) once, here; later reads get the parsed parameters.
            request.getParameterMap();
        } catch (RuntimeException unreadable) {
            log.warn("unreadable query string or form on {} {}: {}", request.getMethod(), request.getRequestURI(),
                    unreadable.getMessage());
            SecurityHeaders.write(request, response);
            response.setStatus(ProblemCode.BAD_REQUEST.status().value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(Problems.asMap(ProblemCode.BAD_REQUEST,
                    "The query string or form can't be read (a malformed escape, encoding, or too many parameters).",
                    request.getRequestURI())));
            return;
        }
        chain.doFilter(request, response);
    }
}

package io.recstream.adapter.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.tomcat.util.http.Parameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.server.RequestPath;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * First of all filters, behind the fast path ({@link FastPathValve}, which reads no parameter and takes only a
 * path and query with nothing to decode): a path, query string or form that the servlet container or Spring can't
 * decode (a bad {@code %} escape, a bad encoding, too many parameters) is the client's error, answered
 * {@code 400 bad_request} with one WARN line, on every endpoint, before anything else reads a parameter and turns the
 * container's exception into a 500. The container parses a form body only for POST; Spring's form filter parses one
 * of any other method later, so such a body is decoded here first, by the container's own parser, and handed on
 * unchanged.
 */
final class UnreadableRequestFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(UnreadableRequestFilter.class);
    /** Tomcat's defaults for a POST form: its maxPostSize and maxParameterCount. */
    private static final int MAX_FORM_BYTES = 2 * 1024 * 1024;
    private static final int MAX_PARAMETERS = 1000;

    private final JsonMapper json;

    UnreadableRequestFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest readable = request;
        try {
            // The container parses the query (and a POST form) once, here; later reads get the parsed parameters.
            request.getParameterMap();
            // Spring parses the path (and its ;parameters) as the filter chains begin: a bad escape there threw.
            RequestPath.parse(request.getRequestURI(), request.getContextPath());
            if (isFormOfAnotherMethod(request)) {
                readable = new DecodedForm(request, request.getInputStream().readNBytes(MAX_FORM_BYTES + 1));
            }
        } catch (RuntimeException unreadable) {
            log.warn("unreadable path, query string or form on {} {}: {}", request.getMethod(),
                    request.getRequestURI(), unreadable.getMessage());
            SecurityHeaders.write(request, response);
            SecurityHeaders.writeNotStored(request, response);
            response.setStatus(ProblemCode.BAD_REQUEST.status().value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(Problems.asMap(ProblemCode.BAD_REQUEST,
                    "The path, query string or form can't be read (a malformed escape, encoding, or too many "
                            + "parameters).",
                    request.getRequestURI())));
            return;
        }
        chain.doFilter(readable, response);
    }

    private static boolean isFormOfAnotherMethod(HttpServletRequest request) {
        String contentType = request.getContentType();
        return !"POST".equals(request.getMethod()) && contentType != null
                && contentType.regionMatches(true, 0, MediaType.APPLICATION_FORM_URLENCODED_VALUE, 0,
                MediaType.APPLICATION_FORM_URLENCODED_VALUE.length());
    }

    /** A form body decoded as the container decodes a POST form (or refused as it would be), then read again. */
    private static final class DecodedForm extends HttpServletRequestWrapper {

        private final byte[] body;

        DecodedForm(HttpServletRequest request, byte[] body) {
            super(request);
            if (body.length > MAX_FORM_BYTES) {
                throw new IllegalStateException("a form body of more than " + MAX_FORM_BYTES + " bytes");
            }
            Parameters parameters = new Parameters();
            parameters.setLimit(MAX_PARAMETERS);
            parameters.setCharset(charset(request));
            parameters.processParameters(body, 0, body.length);
            this.body = body;
        }

        private static Charset charset(HttpServletRequest request) {
            String name = request.getCharacterEncoding();
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the form was already read whole");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), charset((HttpServletRequest) getRequest())));
        }
    }
}

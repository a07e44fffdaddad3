package io.recstream.adapter.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The access token from {@code Authorization: Bearer}, or else from the {@code access_token} cookie, so that a plain
 * {@code <audio src>} (which can't send headers) is authenticated too.
 */
final class TokenResolver implements BearerTokenResolver {

    static final String COOKIE = "access_token";

    private final DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String fromHeader = header.resolve(request);
        if (fromHeader != null) {
            return fromHeader;
        }
        Enumeration<String> cookieHeaders = request.getHeaders("Cookie");
        while (cookieHeaders.hasMoreElements()) {
            String token = cookieValue(cookieHeaders.nextElement());
            if (token != null) {
                return token;
            }
        }
        return null;
    }

    /**
     * The first non-blank {@value #COOKIE} in a {@code Cookie} header ({@code name=value; name=value}), read in place:
     * a player sends it with every range, and the container's parsing would build every cookie of the header.
     */
    static String cookieValue(String cookies) {
        for (int start = 0; start < cookies.length(); ) {
            int end = cookies.indexOf(';', start);
            end = end < 0 ? cookies.length() : end;
            int name = start;
            while (name < end && cookies.charAt(name) <= ' ') {
                name++;
            }
            int equals = name + COOKIE.length();
            if (equals < end && cookies.startsWith(COOKIE, name) && cookies.charAt(equals) == '=') {
                String value = cookies.substring(equals + 1, end).strip();
                if (!value.isEmpty()) {
                    return value;
                }
            }
            start = end + 1;
        }
        return null;
    }
}

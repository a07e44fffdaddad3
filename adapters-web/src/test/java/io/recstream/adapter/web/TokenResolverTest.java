package io.recstream.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class TokenResolverTest {

    private final TokenResolver resolver = new TokenResolver();

    private String resolved(String... headers) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        for (int i = 0; i < headers.length; i += 2) {
            request.addHeader(headers[i], headers[i + 1]);
        }
        return resolver.resolve(request);
    }

    @Test
    void theBearerHeader_comesBeforeTheCookie() {
        assertThat(resolved("Authorization", "Bearer from-header", "Cookie", "access_token=from-cookie"))
                .isEqualTo("from-header");
    }

    @Test
    void theCookie_isFoundAmongOthers_blanksAside_theFirstNonBlankOne() {
        assertThat(resolved("Cookie", "access_token=abc.def")).isEqualTo("abc.def");
        assertThat(resolved("Cookie", "theme=dark;  access_token=abc ; lang=he")).isEqualTo("abc");
        assertThat(resolved("Cookie", "access_token=; access_token=second")).isEqualTo("second");
        assertThat(resolved("Cookie", "a=1", "Cookie", "access_token=in-the-second-header")).isEqualTo(
                "in-the-second-header");
    }

    @Test
    void noOtherCookie_isTakenForIt() {
        assertThat(resolved("Cookie", "my_access_token=x; access_tokens=y; access_token")).isNull();
        assertThat(resolved("Cookie", "access_token=  ;")).isNull();
        assertThat(resolved()).isNull();
    }
}

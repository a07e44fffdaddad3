package io.recstream.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LocalSignInTest {

    private static final String SECRET = "local-sign-in-test-secret-long-enough-for-hs256";
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void picking_aSeededBusiness_setsATokenForIt_andGoesToItsCallsPage() throws Exception {
        try (LocalSignIn signIn = LocalSignIn.start(FreePorts.next(), new AccessTokens(SECRET), "http://localhost:8080")) {
            HttpResponse<String> page = get(signIn.url());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("dir=\"rtl\"", "?business=acme", "?business=globex");

            HttpResponse<String> picked = get(signIn.url() + "?business=globex");

            assertThat(picked.statusCode()).isEqualTo(302);
            assertThat(picked.headers().firstValue("Location")).contains("http://localhost:8080/?business_id=globex");
            String cookie = picked.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith("access_token=").contains("HttpOnly", "SameSite=Lax", "Path=/");
            String token = cookie.substring("access_token=".length(), cookie.indexOf(';'));
            String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
            assertThat(claims).contains("\"business_ids\":[\"globex\"]");
            assertThat(token).isEqualTo(new AccessTokens(SECRET).signed(
                    new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8), claims));
        }
    }

    @Test
    void anUnknownBusiness_getsThePageAgain_andNoToken() throws Exception {
        try (LocalSignIn signIn = LocalSignIn.start(FreePorts.next(), new AccessTokens(SECRET), "http://localhost:8080")) {
            HttpResponse<String> response = get(signIn.url() + "?business=initech");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }
}

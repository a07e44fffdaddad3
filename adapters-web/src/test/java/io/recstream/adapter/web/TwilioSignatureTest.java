package io.recstream.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {

    private static final String TOKEN = "12345";
    private static final String PATH = "/webhooks/twilio/recording-status?business_id=acme";
    private static final Map<String, String> PARAMS = Map.of("CallSid", "CA1234567890ABCDE", "RecordingStatus", "completed",
            "RecordingSid", "RE00", "Caller", "+14158675310");

    /** Signs as Twilio's documentation says it does, independently of the validator under test. */
    private static String signedByTwilio(String url, Map<String, String> params) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String data = url + new TreeMap<>(params).entrySet().stream()
                .map(entry -> entry.getKey() + entry.getValue()).collect(Collectors.joining());
        return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, List<String>> form(Map<String, String> params) {
        Map<String, List<String>> form = new TreeMap<>();
        params.forEach((name, value) -> form.put(name, List.of(value)));
        return form;
    }

    @Test
    void aSignatureOverTheUrlWithoutItsPort_isValidForTheUrlWithIt_andTheOtherWayRound() throws Exception {
        TwilioSignature signatures = new TwilioSignature(TOKEN);
        String withoutPort = "https://recstream.example.com" + PATH;
        String withPort = "https://recstream.example.com:443" + PATH;

        assertThat(signatures.isValid(signedByTwilio(withoutPort, PARAMS), withPort, form(PARAMS))).isTrue();
        assertThat(signatures.isValid(signedByTwilio(withPort, PARAMS), withoutPort, form(PARAMS))).isTrue();
        assertThat(signatures.isValid(signedByTwilio(withoutPort, PARAMS), withoutPort, form(PARAMS))).isTrue();
        assertThat(signatures.isValid(signedByTwilio("http://localhost" + PATH, PARAMS), "http://localhost:80" + PATH,
                form(PARAMS))).isTrue();
    }

    @Test
    void anyChange_invalidatesTheSignature() throws Exception {
        String url = "https://recstream.example.com" + PATH;
        String signature = signedByTwilio(url, PARAMS);

        assertThat(new TwilioSignature("other-token").isValid(signature, url, form(PARAMS))).isFalse();
        assertThat(new TwilioSignature(TOKEN).isValid(signature, url.replace("acme", "evil"), form(PARAMS))).isFalse();
        assertThat(new TwilioSignature(TOKEN).isValid(signature, "https://elsewhere.example.com" + PATH,
                form(PARAMS))).as("another host").isFalse();
        assertThat(new TwilioSignature(TOKEN).isValid(signature, url, form(Map.of("CallSid", "CA2")))).isFalse();
        assertThat(new TwilioSignature(TOKEN).isValid(null, url, form(PARAMS))).isFalse();
        assertThat(new TwilioSignature(TOKEN).isValid(" ", url, form(PARAMS))).isFalse();
    }

    @Test
    void aFormThatRepeatsAParameter_isRefused_evenWhenItsFirstValuesAreSigned() throws Exception {
        String url = "https://recstream.example.com" + PATH;
        String signature = signedByTwilio(url, PARAMS);
        Map<String, List<String>> repeated = form(PARAMS);
        repeated.put("CallSid", List.of(PARAMS.get("CallSid"), "CA99999999999999999999999999999999"));

        assertThat(new TwilioSignature(TOKEN).isValid(signature, url, repeated)).isFalse();
    }
}

package io.recstream.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {

    private static final String TOKEN = "12345";
    private static final String URL = "https://recstream.example.com/webhooks/twilio/recording-status?business_id=acme";
    private static final Map<String, String> PARAMS = Map.of("CallSid", "CA1234567890ABCDE", "RecordingStatus", "completed",
            "RecordingSid", "RE00", "Caller", "+14158675310");

    @Test
    void matchesTwiliosOwnValidator() {
        Map<String, List<String>> form = new java.util.HashMap<>();
        PARAMS.forEach((name, value) -> form.put(name, List.of(value)));

        String ours = new TwilioSignature(TOKEN).compute(URL, form);

        assertThat(new RequestValidator(TOKEN).validate(URL, PARAMS, ours)).isTrue();
        assertThat(new RequestValidator("other").validate(URL, PARAMS, ours)).isFalse();
        assertThat(new TwilioSignature(TOKEN).isValid(ours, URL, form)).isTrue();
    }

    @Test
    void anyChange_invalidatesTheSignature() {
        Map<String, List<String>> form = Map.of("CallSid", List.of("CA1"));
        String signature = new TwilioSignature(TOKEN).compute(URL, form);

        assertThat(new TwilioSignature("other-token").isValid(signature, URL, form)).isFalse();
        assertThat(new TwilioSignature(TOKEN).isValid(signature, URL.replace("acme", "evil"), form)).isFalse();
        assertThat(new TwilioSignature(TOKEN).isValid(signature, URL, Map.of("CallSid", List.of("CA2")))).isFalse();
        assertThat(new TwilioSignature(TOKEN).isValid(null, URL, form)).isFalse();
    }
}

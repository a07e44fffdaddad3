package io.recstream.adapter.web;

import com.twilio.security.RequestValidator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Twilio's webhook signature, checked by twilio-java's own {@link RequestValidator}: Base64(HMAC-SHA1(auth token, URL
 * + each POST parameter's name and value, in name order)), over the URL with and without its port, as every Twilio
 * SDK checks it (Twilio's signing has used both forms).
 */
final class TwilioSignature {

    private final RequestValidator validator;

    TwilioSignature(String authToken) {
        this.validator = new RequestValidator(authToken);
    }

    /**
     * Twilio names each parameter of its callbacks once; a form that repeats one cannot be checked the way Twilio
     * signs, so it is refused rather than half-checked.
     */
    boolean isValid(String signature, String url, Map<String, List<String>> postParameters) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        Map<String, String> form = new HashMap<>();
        for (Map.Entry<String, List<String>> parameter : postParameters.entrySet()) {
            if (parameter.getValue().size() != 1) {
                return false;
            }
            form.put(parameter.getKey(), parameter.getValue().getFirst());
        }
        return validator.validate(url, form, signature.trim());
    }
}

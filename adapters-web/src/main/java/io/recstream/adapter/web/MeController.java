package io.recstream.adapter.web;

import io.recstream.application.port.in.Viewer;
import io.recstream.domain.BusinessId;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the token says the user is, so the UI can offer the user's businesses. */
@RestController
class MeController {

    @GetMapping("/api/me")
    MeBody me(@AuthenticationPrincipal Jwt token) {
        Viewer viewer = RecordingRequest.viewerOf(token);
        return new MeBody(viewer.subject(), viewer.businesses().stream().map(BusinessId::value).sorted().toList());
    }

    record MeBody(String sub, List<String> businessIds) {
    }
}

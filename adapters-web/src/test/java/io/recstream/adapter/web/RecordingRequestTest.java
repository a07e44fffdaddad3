package io.recstream.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.application.port.in.Viewer;
import io.recstream.domain.BusinessId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class RecordingRequestTest {

    private static Jwt token(Object businessIds) {
        Jwt.Builder token = Jwt.withTokenValue("token").header("alg", "HS256").subject("agent-7");
        return businessIds == null ? token.claim("other", "x").build() : token.claim("business_ids", businessIds).build();
    }

    @Test
    void theViewer_mayActForEachBusinessOfTheToken_andForNothingThatIsNotABusinessId() {
        Viewer viewer = RecordingRequest.viewerOf(token(List.of("acme", "bad id", "globex", 42)));

        assertThat(viewer.subject()).isEqualTo("agent-7");
        assertThat(viewer.businesses()).containsExactlyInAnyOrder(new BusinessId("acme"), new BusinessId("globex"));
    }

    @Test
    void aTokenSeenAgain_isReadOnce_butAnotherTokenOfTheSameText_isReadItself() {
        Jwt token = token(List.of("acme"));
        Viewer viewer = RecordingRequest.viewerOf(token);
        assertThat(RecordingRequest.viewerOf(token)).isSameAs(viewer);

        Viewer other = RecordingRequest.viewerOf(token(List.of("globex")));
        assertThat(other.businesses()).containsExactly(new BusinessId("globex"));
    }

    @Test
    void aTokenWithoutBusinesses_grantsNone() {
        assertThat(RecordingRequest.viewerOf(token(null)).businesses()).isEmpty();
        assertThat(RecordingRequest.viewerOf(token("acme")).businesses()).isEmpty();
    }
}

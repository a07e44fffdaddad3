package io.recstream.adapter.web;

import io.recstream.application.port.in.ShareDownloadUseCase;
import io.recstream.domain.CallSid;
import io.recstream.domain.GrowingRecording;
import io.recstream.domain.InvalidIdentifierException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where peers (instances with no volume in common, on a bucket) read the download this instance holds, as it grows:
 * only with the peers' shared secret ({@code recstream.peers.secret}); without one configured, nothing is shared.
 * The answer is a growing recording's, ranges included, and follows the download.
 */
@Hidden // between instances, not part of the API
@RestController
class PeerDownloadController {

    /** The request header with the peers' shared secret; the storage adapter's peer client sends the same. */
    static final String SECRET_HEADER = "X-Recstream-Peer-Secret";

    private final ShareDownloadUseCase downloads;
    private final byte[] secret;

    PeerDownloadController(ShareDownloadUseCase downloads, WebSettings settings) {
        this.downloads = downloads;
        this.secret = settings.peerSecret() == null || settings.peerSecret().isBlank() ? null
                : settings.peerSecret().getBytes(StandardCharsets.UTF_8);
    }

    @GetMapping("/internal/partials/{callSid}")
    void partial(@PathVariable String callSid, @RequestHeader(name = SECRET_HEADER, required = false) String offered,
                 HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (secret == null || offered == null
                || !MessageDigest.isEqual(secret, offered.getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(ProblemCode.NOT_FOUND, "No such resource.");
        }
        Optional<GrowingRecording> held;
        try {
            held = downloads.downloadInProgress(new CallSid(callSid));
        } catch (InvalidIdentifierException e) {
            throw new ProblemException(ProblemCode.INVALID_CALL_SID, "A call SID is CA followed by 32 hex digits.");
        }
        if (held.isEmpty()) {
            throw new ProblemException(ProblemCode.NOT_FOUND, "No download of that call is under way here.");
        }
        RecordingResponder.serveGrowing(held.get(), request, response, null);
    }
}

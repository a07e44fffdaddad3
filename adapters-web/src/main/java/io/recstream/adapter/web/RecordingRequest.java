package io.recstream.adapter.web;

import io.recstream.application.port.in.Viewer;
import io.recstream.domain.BusinessId;
import io.recstream.domain.CallSid;
import io.recstream.domain.InvalidIdentifierException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;

/** The identifiers of a recording request, checked in the contract's order, with the viewer from its token. */
record RecordingRequest(Viewer viewer, BusinessId business, CallSid callSid) {

    static final String BUSINESS_IDS_CLAIM = "business_ids";
    /** The viewers read, by token text; cleared when full, as the verified tokens are. */
    private static final Map<String, ReadViewer> VIEWERS = new ConcurrentHashMap<>();
    private static final int MAX_VIEWERS = 10_000;

    static RecordingRequest parse(Jwt token, String callSid, String businessId) {
        requirePresent(businessId);
        CallSid call;
        try {
            call = new CallSid(callSid);
        } catch (InvalidIdentifierException e) {
            throw new ProblemException(ProblemCode.INVALID_CALL_SID, "A call SID is CA followed by 32 hex digits.");
        }
        return new RecordingRequest(viewerOf(token), business(businessId), call);
    }

    /**
     * The {@code business_id} parameter of any endpoint: required ({@code business_id_required}), and well-formed
     * ({@code invalid_business_id}).
     */
    static BusinessId business(String businessId) {
        requirePresent(businessId);
        try {
            return new BusinessId(businessId);
        } catch (InvalidIdentifierException e) {
            throw new ProblemException(ProblemCode.INVALID_BUSINESS_ID,
                    "A business_id is 1 to 64 letters, digits, '_' or '-'.");
        }
    }

    private static void requirePresent(String businessId) {
        if (businessId == null || businessId.isBlank()) {
            throw new ProblemException(ProblemCode.BUSINESS_ID_REQUIRED, "The business_id query parameter is required.");
        }
    }

    /**
     * The viewer of a verified token, read once per token: a player sends the same cookie with every range, and its
     * verified token is the same object each time ({@link CachingJwtDecoder}). A hit must be that very token, not only
     * its text.
     */
    static Viewer viewerOf(Jwt token) {
        ReadViewer read = VIEWERS.get(token.getTokenValue());
        if (read != null && read.token() == token) {
            return read.viewer();
        }
        Viewer viewer = readViewer(token);
        if (VIEWERS.size() >= MAX_VIEWERS) {
            VIEWERS.clear(); // as the token cache does: many users at once, rare
        }
        VIEWERS.put(token.getTokenValue(), new ReadViewer(token, viewer));
        return viewer;
    }

    private record ReadViewer(Jwt token, Viewer viewer) {
    }

    /**
     * The token's businesses; entries that can't be business ids can't match one, so they are left out. The claim is
     * read as the decoder left it (a list of strings, which it validates), not through Spring's claim conversion,
     * which costs a tenth of serving a cached range (measured).
     */
    private static Viewer readViewer(Jwt token) {
        Set<BusinessId> businesses = new LinkedHashSet<>();
        if (token.getClaims().get(BUSINESS_IDS_CLAIM) instanceof List<?> claimed) {
            for (Object id : claimed) {
                try {
                    businesses.add(new BusinessId(id instanceof String value ? value : null));
                } catch (InvalidIdentifierException ignored) {
                    // not a business id: grants nothing
                }
            }
        }
        return new Viewer(token.getSubject(), businesses);
    }
}

package io.signet.audit.api;

import io.signet.platform.identity.InvalidSignerTokenException;
import io.signet.platform.identity.SignerTokenVerifier;
import io.signet.platform.identity.VerifiedSigner;
import io.signet.schemas.audit.SignerPseudonyms;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Who may read the audit API, decided for every {@code /v1/audit/**} request and left as {@link AuditCaller} in the
 * request. The credential comes as {@code Authorization: Bearer …} or in GovStack's
 * {@code X-GovStack-AuthenticationToken} header and is one of:
 *
 * <ul>
 *   <li>the auditors' token (a file only operators can read; compared in constant time) — an auditor;
 *   <li>an ID provider token with the auditor role — an auditor;
 *   <li>any other valid ID provider token — a signer, who sees only the entries of their own transactions (matched by
 *       the pseudonymous signer id, so the log itself never learns who they are).
 * </ul>
 *
 * Without an ID provider configured only the auditors' token is accepted. Tokens are never logged. Thread-safe.
 */
public final class AuditAccess implements HandlerInterceptor {

    static final String GOVSTACK_HEADER = "X-GovStack-AuthenticationToken";
    private static final String CALLER = AuditAccess.class.getName() + ".caller";

    private final byte[] auditorToken;
    private final Optional<SignerTokenVerifier> signerTokens;
    private final SignerPseudonyms pseudonyms;
    private final String auditorRole;

    public AuditAccess(
            String auditorToken,
            Optional<SignerTokenVerifier> signerTokens,
            SignerPseudonyms pseudonyms,
            String auditorRole) {
        this.auditorToken = auditorToken.getBytes(StandardCharsets.UTF_8);
        this.signerTokens = signerTokens;
        this.pseudonyms = pseudonyms;
        this.auditorRole = auditorRole;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        request.setAttribute(CALLER, caller(presented(request)));
        return true;
    }

    /** The caller {@link #preHandle} admitted. */
    static AuditCaller of(HttpServletRequest request) {
        if (request.getAttribute(CALLER) instanceof AuditCaller caller) {
            return caller;
        }
        throw new IllegalStateException("audit API called outside the access check");
    }

    AuditCaller caller(String presented) {
        if (presented == null || presented.isEmpty()) {
            throw new ApiException(401, "authentication required: the auditors' token or an ID provider token");
        }
        if (MessageDigest.isEqual(auditorToken, presented.getBytes(StandardCharsets.UTF_8))) {
            return AuditCaller.AUDITOR;
        }
        if (signerTokens.isEmpty()) {
            throw new ApiException(401, "auditor authentication required");
        }
        VerifiedSigner signer;
        try {
            signer = signerTokens.get().verify(presented);
        } catch (InvalidSignerTokenException e) {
            throw new ApiException(401, e.getMessage());
        }
        return signer.hasRole(auditorRole)
                ? AuditCaller.AUDITOR
                : AuditCaller.signer(pseudonyms.pseudonym(signer.subject()));
    }

    private static String presented(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        String govstack = request.getHeader(GOVSTACK_HEADER);
        return govstack == null ? null : govstack.strip();
    }
}

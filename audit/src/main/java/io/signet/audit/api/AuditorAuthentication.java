package io.signet.audit.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The auditor role, for now: every {@code /v1/audit/**} request must carry the auditors' token, as {@code
 * Authorization: Bearer <token>} or in GovStack's {@code X-GovStack-AuthenticationToken} header. Compared in constant
 * time; the token is never logged. Thread-safe.
 */
public final class AuditorAuthentication implements HandlerInterceptor {

    static final String GOVSTACK_HEADER = "X-GovStack-AuthenticationToken";

    private final byte[] token;

    public AuditorAuthentication(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String presented = presented(request);
        if (presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        throw new ApiException(401, "auditor authentication required");
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

package io.signet.notifier.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits a request only with {@code Authorization: Bearer <token>}; anything else gets 401 and reaches no controller.
 * The comparison takes the same time whatever the token sent (both sides are hashed first, so neither content nor
 * length leaks through timing). Thread-safe (immutable).
 */
public final class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final byte[] expectedDigest;
    private final String realm;
    private final String refusal;

    /**
     * @param token the token callers must send
     * @param realm the {@code WWW-Authenticate} realm of a 401
     * @param what what the token is called in the 401's message ("the ops token")
     */
    public BearerTokenFilter(String token, String realm, String what) {
        if (Objects.requireNonNull(token, "token").isBlank()) {
            throw new IllegalArgumentException(what + " is blank");
        }
        this.expectedDigest = sha256(token);
        this.realm = realm;
        this.refusal = "{\"status\":{\"code\":\"ERROR\",\"message\":\"" + what + " is missing or wrong\"}}";
    }

    /** Whether {@code authorization} (the header's value, may be null) carries the token. */
    public boolean admits(String authorization) {
        String given = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).strip()
                : "";
        // Always compare, even without a header, so that a missing token costs as long as a wrong one.
        return MessageDigest.isEqual(expectedDigest, sha256(given));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (admits(request.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
        response.setContentType("application/json");
        response.getWriter().write(refusal);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}

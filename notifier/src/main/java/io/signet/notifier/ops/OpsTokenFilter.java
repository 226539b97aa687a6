package io.signet.notifier.ops;

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
 * Admits a request to the ops endpoints only with {@code Authorization: Bearer <ops token>}; anything else gets 401
 * and reaches no controller. The comparison takes the same time whatever the token sent (both sides are hashed
 * first, so neither content nor length leaks through timing). Thread-safe (immutable).
 */
public final class OpsTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final byte[] expectedDigest;

    public OpsTokenFilter(String token) {
        if (Objects.requireNonNull(token, "token").isBlank()) {
            throw new IllegalArgumentException("the ops token is blank");
        }
        this.expectedDigest = sha256(token);
    }

    /** Whether {@code authorization} (the header's value, may be null) carries the ops token. */
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
        response.setHeader("WWW-Authenticate", "Bearer realm=\"signet-ops\"");
        response.setContentType("application/json");
        response.getWriter()
                .write("{\"status\":{\"code\":\"ERROR\",\"message\":\"the ops token is missing or wrong\"}}");
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}

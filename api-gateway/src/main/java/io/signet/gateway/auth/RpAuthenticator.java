package io.signet.gateway.auth;

import io.signet.gateway.error.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Authenticates the RP from {@code Authorization: Bearer <api key>}. Keys are looked up by their SHA-256, and known
 * keys are cached briefly so that the hot path does not hit the database for every request; unknown keys are not
 * cached (an attacker could otherwise fill the cache). Thread-safe.
 */
@Component
public class RpAuthenticator {

    private static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final int MAX_CACHED = 10_000;
    private static final String BEARER = "Bearer ";

    private final RpClientDao clients;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public RpAuthenticator(Jdbi jdbi, Clock clock) {
        this.clients = jdbi.onDemand(RpClientDao.class);
        this.clock = clock;
    }

    public RpClient authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized("RP authentication required: send Authorization: Bearer <api key>");
        }
        String key = authorizationHeader.substring(BEARER.length()).trim();
        if (key.isEmpty()) {
            throw unauthorized("RP authentication required: send Authorization: Bearer <api key>");
        }
        byte[] hash = ApiKeys.hash(key);
        String cacheKey = java.util.HexFormat.of().formatHex(hash);
        Instant now = clock.instant();
        Cached cached = cache.get(cacheKey);
        if (cached != null && cached.expires().isAfter(now)) {
            return cached.client();
        }
        Optional<RpClient> client = clients.findByKeyHash(hash);
        if (client.isEmpty()) {
            cache.remove(cacheKey);
            throw unauthorized("RP authentication failed: unknown or disabled API key");
        }
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(cacheKey, new Cached(client.get(), now.plus(CACHE_TTL)));
        return client.get();
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, message, Map.of("WWW-Authenticate", "Bearer"));
    }

    private record Cached(RpClient client, Instant expires) {}
}

package io.signet.notifier.delivery;

import io.signet.notifier.delivery.DeliveryDao.NewDelivery;
import io.signet.notifier.result.ResultStatus;
import io.signet.notifier.result.SignatureResult;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides which callbacks an ended request gets and creates them in the caller's transaction, so that a stored
 * result and its callbacks commit together: the GovStack GET when the request had a callback URL, a webhook POST
 * when the relying party registered an endpoint. Creating one twice is a no-op. Thread-safe (stateless).
 */
public final class CallbackPlanner {

    private static final Logger log = LoggerFactory.getLogger(CallbackPlanner.class);

    private final RelyingPartyProperties relyingParties;
    private final JsonMapper json;
    private final Duration firstDelay;
    private final Clock clock;

    public CallbackPlanner(RelyingPartyProperties relyingParties, JsonMapper json, Duration firstDelay, Clock clock) {
        this.relyingParties = relyingParties;
        this.json = json;
        this.firstDelay = firstDelay;
        this.clock = clock;
    }

    /** Creates the callbacks of an ended request that do not exist yet; returns how many were created. */
    public int plan(Handle handle, SignatureResult result) {
        if (!result.status().ended()) {
            return 0;
        }
        DeliveryDao dao = handle.attach(DeliveryDao.class);
        Instant now = clock.instant();
        int created = 0;
        if (result.registered() && result.callbackUrl() != null) {
            created += create(dao, result, DeliveryKind.GET, govStackUrl(result), null, now);
        }
        URI webhook = relyingParties
                .find(result.rpId())
                .map(RelyingPartyProperties.RelyingParty::webhookUrl)
                .orElse(null);
        if (webhook != null) {
            created += create(dao, result, DeliveryKind.POST, webhook.toString(), webhookBody(result), now);
        }
        return created;
    }

    private int create(
            DeliveryDao dao, SignatureResult result, DeliveryKind kind, String url, String body, Instant now) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            log.warn("callback URL of signatureId={} is malformed; no {} callback", result.signatureId(), kind);
            return 0;
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            log.warn(
                    "callback URL of signatureId={} has no scheme or host; no {} callback", result.signatureId(), kind);
            return 0;
        }
        String endpoint = uri.getScheme().toLowerCase() + "://" + uri.getHost().toLowerCase()
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + (uri.getRawPath() == null ? "" : uri.getRawPath());
        NewDelivery delivery = new NewDelivery(
                UUID.randomUUID(),
                result.signatureId(),
                result.rpId(),
                kind,
                url,
                endpoint,
                uri.getHost().toLowerCase(),
                eventType(result.status()),
                body,
                now,
                now.plus(firstDelay));
        return dao.insert(delivery) ? 1 : 0;
    }

    /** {@code GET {callbackUrl}?signatureId=…&nonce=…&state=…}, keeping any query the URL already has. */
    static String govStackUrl(SignatureResult result) {
        StringBuilder url = new StringBuilder(result.callbackUrl());
        int fragment = url.indexOf("#");
        if (fragment >= 0) {
            url.setLength(fragment);
        }
        url.append(url.indexOf("?") < 0 ? '?' : '&');
        url.append("signatureId=").append(encode(result.signatureId()));
        if (result.nonce() != null) {
            url.append("&nonce=").append(encode(result.nonce()));
        }
        if (result.state() != null) {
            url.append("&state=").append(encode(result.state()));
        }
        return url.toString();
    }

    private String webhookBody(SignatureResult result) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("code", result.status() == ResultStatus.COMPLETED ? "OK" : "ERROR");
        if (result.message() != null) {
            status.put("message", result.message());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("signatureId", result.signatureId());
        data.put("status", status);
        if (result.errorCode() != null) {
            data.put("errorCode", result.errorCode());
        }
        if (result.registered()) {
            data.put("nonce", result.nonce());
            data.put("state", result.state());
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", eventType(result.status()));
        event.put("timestamp", String.valueOf(result.endedAt()));
        event.put("data", data);
        return json.writeValueAsString(event);
    }

    static String eventType(ResultStatus status) {
        return "signature." + status.name().toLowerCase();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

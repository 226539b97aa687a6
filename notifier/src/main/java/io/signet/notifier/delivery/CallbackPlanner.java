package io.signet.notifier.delivery;

import io.signet.notifier.delivery.DeliveryQueueDao.NewDelivery;
import io.signet.notifier.result.ResultStatus;
import io.signet.notifier.result.SignatureResult;
import io.signet.platform.logging.TraceMdc;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final Duration firstDue;
    private final Clock clock;

    /**
     * @param firstDue when a new delivery becomes due for the dispatcher's query: the schedule's first delay, or the
     *     claim lease when the first attempt is immediate and the creating instance makes it
     */
    public CallbackPlanner(RelyingPartyProperties relyingParties, JsonMapper json, Duration firstDue, Clock clock) {
        this.relyingParties = relyingParties;
        this.json = json;
        this.firstDue = firstDue;
        this.clock = clock;
    }

    /**
     * Creates the callbacks of ended requests that do not exist yet, in one statement, and returns the deliveries
     * created. When the first attempt is immediate they are created claimed by this instance (due only when the
     * claim's lease runs out), so that the caller hands them to {@link DeliveryDispatcher#created} after commit
     * instead of the dispatcher finding them with another query; if this instance dies first, the lease runs out and
     * any instance sends them.
     */
    public List<Delivery> plan(Handle handle, List<SignatureResult> results) {
        Instant now = clock.instant();
        List<NewDelivery> deliveries = new ArrayList<>();
        for (SignatureResult result : results) {
            if (!result.status().ended()) {
                continue;
            }
            if (result.registered() && result.callbackUrl() != null) {
                newDelivery(result, DeliveryKind.GET, govStackUrl(result), null).ifPresent(deliveries::add);
            }
            URI webhook = relyingParties
                    .find(result.rpId())
                    .map(RelyingPartyProperties.RelyingParty::webhookUrl)
                    .orElse(null);
            if (webhook != null) {
                newDelivery(result, DeliveryKind.POST, webhook.toString(), webhookBody(result))
                        .ifPresent(deliveries::add);
            }
        }
        if (deliveries.isEmpty()) {
            return List.of();
        }
        return handle.attach(DeliveryQueueDao.class).insert(deliveries, now, now.plus(firstDue));
    }

    private Optional<NewDelivery> newDelivery(SignatureResult result, DeliveryKind kind, String url, String body) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            try (TraceMdc.Scope trace = TraceMdc.enter(result.traceparent())) {
                log.warn("callback URL of signatureId={} is malformed; no {} callback", result.signatureId(), kind);
            }
            return Optional.empty();
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            try (TraceMdc.Scope trace = TraceMdc.enter(result.traceparent())) {
                log.warn(
                        "callback URL of signatureId={} has no scheme or host; no {} callback",
                        result.signatureId(),
                        kind);
            }
            return Optional.empty();
        }
        String endpoint = uri.getScheme().toLowerCase() + "://" + uri.getHost().toLowerCase()
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + (uri.getRawPath() == null ? "" : uri.getRawPath());
        return Optional.of(new NewDelivery(
                UUID.randomUUID(),
                result.signatureId(),
                result.rpId(),
                kind,
                url,
                endpoint,
                uri.getHost().toLowerCase(),
                eventType(result.status()),
                body,
                result.traceparent()));
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

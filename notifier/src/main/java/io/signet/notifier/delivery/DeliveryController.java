package io.signet.notifier.delivery;

import io.signet.notifier.result.ResultDao;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Internal delivery API: the relying party's view of its callbacks (through the gateway, which authenticates it and
 * serves it as {@code GET /v1/sign/response/{signatureId}/callbacks}; behind the internal token) and, under
 * {@code /internal/ops/}, the ops view of dead letters with re-drive (behind the ops token); see
 * {@code io.signet.notifier.access}. Not exposed publicly.
 */
@RestController
class DeliveryController {

    private final Jdbi jdbi;
    private final DeliveryDispatcher dispatcher;

    DeliveryController(Jdbi jdbi, DeliveryDispatcher dispatcher) {
        this.jdbi = jdbi;
        this.dispatcher = dispatcher;
    }

    /** The callbacks of one request with every attempt; 404 unless the request belongs to {@code rpId}. */
    @GetMapping("/internal/deliveries")
    ResponseEntity<?> forSignature(@RequestParam String signatureId, @RequestParam String rpId) {
        boolean owned = jdbi.onDemand(ResultDao.class)
                .find(signatureId)
                .filter(result -> result.rpId().equals(rpId))
                .isPresent();
        if (!owned) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(notFound());
        }
        return ResponseEntity.ok(views(jdbi.onDemand(DeliveryDao.class).forSignature(signatureId)));
    }

    /** Dead-lettered and disabled deliveries, newest first. */
    @GetMapping("/internal/ops/deliveries/dead")
    List<DeliveryView> deadLetters(@RequestParam(defaultValue = "100") int limit) {
        return views(jdbi.onDemand(DeliveryDao.class).deadLetters(Math.clamp(limit, 1, 1000)));
    }

    /** Sends a dead or disabled delivery again with a fresh schedule (and re-enables its endpoint). */
    @PostMapping("/internal/ops/deliveries/{id}/redrive")
    ResponseEntity<?> redrive(@PathVariable UUID id) {
        var redriven = jdbi.inTransaction(handle -> {
            DeliveryDao dao = handle.attach(DeliveryDao.class);
            var delivery = dao.redrive(id);
            delivery.ifPresent(d -> dao.enableEndpoint(d.rpId(), d.endpoint()));
            return delivery;
        });
        if (redriven.isEmpty()) {
            boolean exists = jdbi.onDemand(DeliveryDao.class).find(id).isPresent();
            return ResponseEntity.status(exists ? HttpStatus.CONFLICT : HttpStatus.NOT_FOUND)
                    .body(Map.of(
                            "status",
                            Map.of(
                                    "code",
                                    "ERROR",
                                    "message",
                                    exists ? "delivery is not dead-lettered" : "delivery not found")));
        }
        dispatcher.wakeUp();
        return ResponseEntity.ok(views(List.of(redriven.get())).getFirst());
    }

    private List<DeliveryView> views(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<DeliveryAttempt>> attempts =
                jdbi
                        .onDemand(DeliveryDao.class)
                        .attempts(deliveries.stream().map(Delivery::id).toList())
                        .stream()
                        .collect(Collectors.groupingBy(DeliveryAttempt::deliveryId));
        return deliveries.stream()
                .map(d -> DeliveryView.of(d, attempts.getOrDefault(d.id(), List.of())))
                .toList();
    }

    private static Map<String, Object> notFound() {
        return Map.of("status", Map.of("code", "ERROR", "message", "signature not found"));
    }
}

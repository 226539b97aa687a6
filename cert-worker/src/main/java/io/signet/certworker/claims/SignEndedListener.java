package io.signet.certworker.claims;

import io.signet.certworker.onetime.SupersededCertificates;
import io.signet.schemas.EventContractException;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.SignCompleted;
import io.signet.schemas.SignFailed;
import io.signet.schemas.Topics;
import io.signet.schemas.audit.AuditRecords;
import io.signet.schemas.audit.Sha256Hash;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Marks sign claims ended from the result topics, with its own consumer group and read_committed, so only results
 * that sign-worker's transactions committed count. A retryable SignFailed does not end a request. Records that are
 * not result events are skipped with a warning: the result topics belong to sign-worker, their dead letters to it.
 * A batch that cannot be recorded is retried without end (see {@link ClaimsConfiguration}).
 *
 * <p>The first completion of a request also settles which of its one-time certificates was used: the others (a redone
 * request's) are revoked as superseded, before the end is recorded, so that a retried batch finds them again.
 */
public final class SignEndedListener {

    private static final Logger LOG = LoggerFactory.getLogger(SignEndedListener.class);

    static final String ID = "cert-worker-sign-ended";

    private final SignClaims claims;
    private final KafkaCloudEvents events;
    private final SupersededCertificates superseded;

    public SignEndedListener(SignClaims claims, KafkaCloudEvents events, SupersededCertificates superseded) {
        this.claims = claims;
        this.events = events;
        this.superseded = superseded;
    }

    @KafkaListener(
            id = ID,
            groupId = "cert-worker-claims",
            topics = {Topics.SIGN_COMPLETED, Topics.SIGN_FAILED},
            batch = "true",
            concurrency = "1",
            containerFactory = "signEndedContainerFactory",
            // Nobody waits on this bookkeeping: a fetch waits up to 200 ms for more results, so batches stay large.
            properties = {
                "isolation.level=read_committed",
                "auto.offset.reset=earliest",
                "fetch.min.bytes=262144",
                "fetch.max.wait.ms=200"
            })
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        List<String> ended = new ArrayList<>(records.size());
        Map<String, ConsumerRecord<String, byte[]>> firstCompletions = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (Topics.SIGN_COMPLETED.equals(record.topic()) && record.key() != null) {
                // Results are keyed by signatureId: no need to parse the CMS-laden payload on the hot path.
                ended.add(record.key());
                firstCompletions.putIfAbsent(record.key(), record);
                continue;
            }
            try {
                switch (events.fromConsumerRecord(record).payload()) {
                    case SignCompleted completed -> ended.add(completed.signatureId());
                    case SignFailed failed when !failed.retryable() -> ended.add(failed.signatureId());
                    default -> {}
                }
            } catch (EventContractException | IllegalArgumentException e) {
                LOG.warn(
                        "skipped unreadable result at {}-{}@{}: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        e.getMessage());
            }
        }
        revokeUnusedCertificates(firstCompletions);
        claims.end(ended);
    }

    private void revokeUnusedCertificates(Map<String, ConsumerRecord<String, byte[]>> completions) {
        List<String> several = superseded.withSeveralUsable(completions.keySet());
        if (several.isEmpty()) {
            return; // the usual case: one query, no payload read
        }
        ClaimStates states = claims.states(several);
        // A request ended before (an earlier completion, or a failure) is left alone: only its first ending counts.
        List<String> firstEnded =
                several.stream().filter(id -> !states.ended(id)).toList();
        superseded.revokeAllButUsed(firstEnded, id -> usedCertificateId(completions.get(id)));
    }

    private Optional<String> usedCertificateId(ConsumerRecord<String, byte[]> completion) {
        try {
            if (events.fromConsumerRecord(completion).payload() instanceof SignCompleted completed) {
                // The certificateId is the hex SHA-256 of the DER certificate: its thumbprint.
                return Optional.ofNullable(AuditRecords.thumbprintOfPem(completed.certificate()))
                        .map(Sha256Hash::hex);
            }
        } catch (EventContractException | IllegalArgumentException e) {
            LOG.warn("completion of {} unreadable; its unused certificates stay: {}", completion.key(), e.getMessage());
        }
        return Optional.empty();
    }
}

package io.signet.certworker.claims;

import io.signet.certworker.onetime.UnusedCertificates;
import io.signet.schemas.EventContractException;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.SignCompleted;
import io.signet.schemas.SignExpired;
import io.signet.schemas.SignFailed;
import io.signet.schemas.Topics;
import io.signet.schemas.audit.AuditRecords;
import io.signet.schemas.audit.Sha256Hash;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * <p>A request's first ending also settles which of its one-time certificates was used, and the others are revoked
 * before the end is recorded (so that a retried batch finds them again): after a completion, all but the one it
 * carries (a redone request's, as superseded); after a failure, all of them (as cessation of operation). The
 * notifier's {@link SignExpired} revokes all of them whenever it comes: the relying party got no signature, so a
 * late one made for the request is discarded, and its certificate must not stay valid.
 */
public final class SignEndedListener {

    private static final Logger LOG = LoggerFactory.getLogger(SignEndedListener.class);

    static final String ID = "cert-worker-sign-ended";

    private final SignClaims claims;
    private final KafkaCloudEvents events;
    private final UnusedCertificates unused;

    public SignEndedListener(SignClaims claims, KafkaCloudEvents events, UnusedCertificates unused) {
        this.claims = claims;
        this.events = events;
        this.unused = unused;
    }

    @KafkaListener(
            id = ID,
            groupId = "cert-worker-claims",
            topics = {Topics.SIGN_COMPLETED, Topics.SIGN_FAILED, Topics.SIGN_EXPIRED},
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
        List<String> failed = new ArrayList<>();
        List<String> expired = new ArrayList<>();
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
                    case SignFailed failure
                    when !failure.retryable() -> {
                        ended.add(failure.signatureId());
                        failed.add(failure.signatureId());
                    }
                    case SignExpired expiry -> {
                        ended.add(expiry.signatureId());
                        expired.add(expiry.signatureId());
                    }
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
        revokeCertificatesOfFailed(failed, firstCompletions.keySet());
        claims.end(ended);
        // After the ending: from then on no certificate is issued for these requests, and one issued until then is
        // stored (end() waits for it). The notifier's expiry is what the relying party was told, whatever ended the
        // request here first, so this revokes every active certificate of it, also after a redelivery.
        unused.revokeAllOfExpired(expired.stream().distinct().toList());
    }

    /** Failed requests that had not ended before (nor complete in this batch) used none of their certificates. */
    private void revokeCertificatesOfFailed(List<String> failed, Set<String> completed) {
        if (failed.isEmpty()) {
            return;
        }
        ClaimStates states = claims.states(failed);
        unused.revokeAllOfFailed(failed.stream()
                .filter(id -> !completed.contains(id) && !states.ended(id))
                .distinct()
                .toList());
    }

    private void revokeUnusedCertificates(Map<String, ConsumerRecord<String, byte[]>> completions) {
        List<String> several = unused.withSeveralUsable(completions.keySet());
        if (several.isEmpty()) {
            return; // the usual case: one query, no payload read
        }
        ClaimStates states = claims.states(several);
        // A request ended before (an earlier completion, or a failure) is left alone: only its first ending counts.
        List<String> firstEnded =
                several.stream().filter(id -> !states.ended(id)).toList();
        unused.revokeAllButUsed(firstEnded, id -> usedCertificateId(completions.get(id)));
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

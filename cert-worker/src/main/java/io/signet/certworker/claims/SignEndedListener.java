package io.signet.certworker.claims;

import io.signet.schemas.EventContractException;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.SignCompleted;
import io.signet.schemas.SignFailed;
import io.signet.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Marks sign claims ended from the result topics, with its own consumer group and read_committed, so only results
 * that sign-worker's transactions committed count. A retryable SignFailed does not end a request. Records that are
 * not result events are skipped with a warning: the result topics belong to sign-worker, their dead letters to it.
 * A batch that cannot be recorded is retried without end (see {@link ClaimsConfiguration}).
 */
public final class SignEndedListener {

    private static final Logger LOG = LoggerFactory.getLogger(SignEndedListener.class);

    static final String ID = "cert-worker-sign-ended";

    private final SignClaims claims;
    private final KafkaCloudEvents events;

    public SignEndedListener(SignClaims claims, KafkaCloudEvents events) {
        this.claims = claims;
        this.events = events;
    }

    @KafkaListener(
            id = ID,
            groupId = "cert-worker-claims",
            topics = {Topics.SIGN_COMPLETED, Topics.SIGN_FAILED},
            batch = "true",
            concurrency = "1",
            containerFactory = "signEndedContainerFactory",
            properties = {"isolation.level=read_committed", "auto.offset.reset=earliest"})
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        List<String> ended = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            if (Topics.SIGN_COMPLETED.equals(record.topic()) && record.key() != null) {
                // Results are keyed by signatureId: no need to parse the CMS-laden payload on the hot path.
                ended.add(record.key());
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
        claims.end(ended);
    }
}

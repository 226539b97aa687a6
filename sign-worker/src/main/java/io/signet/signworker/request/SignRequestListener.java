package io.signet.signworker.request;

import io.signet.platform.logging.TraceMdc;
import io.signet.schemas.CertRequested;
import io.signet.schemas.CloudEventEnvelope;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.SignFailed;
import io.signet.schemas.SignRequested;
import io.signet.schemas.Topics;
import io.signet.signworker.claims.Claim;
import io.signet.signworker.claims.ClaimVerdict;
import io.signet.signworker.claims.ClaimsClient;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Entry point of sign requests: one Kafka transaction per polled batch (consume-transform-produce). The container
 * begins the transaction; this listener works the batch's requests concurrently, then sends every outcome through
 * the transactional template, and the container adds the consumed offsets to the same transaction and commits. A
 * crash anywhere before the commit aborts the transaction, and the batch is consumed again (from step 1, with new
 * keys) by whichever worker gets the partitions: the relying party sees exactly one result per request.
 *
 * <p>Before anything else, the whole batch is claimed at cert-worker in one call ({@link ClaimsClient}): a record
 * whose signatureId another record holds (a duplicate from the at-least-once relay) or whose request has ended (a
 * replay after a consumer group reset) is skipped with one INFO line and no event; its offset is committed with the
 * batch. A retry of the same record after a crash still proceeds. Without an answer the batch fails and is polled
 * again after a back-off: nothing is signed unclaimed.
 *
 * <p>Records that are not sign requests go to the dead-letter topic through the recoverer, inside the same
 * transaction. A request's own failures, even unexpected ones, become its SignFailed ({@link SignRequestHandler}).
 *
 * <p>What fails the batch as a whole (cert-worker's claims unanswered, Kafka refusing the results, the service
 * stopping under it) is never retried in memory: Spring's in-memory batch retry keeps the batch in hand across a
 * rebalance, and would go on working records of partitions that another worker owns by then and polls itself (both
 * claims of the same record proceed, so both would sign). The batch fails with a {@link BatchListenerFailedException}
 * at its first record instead, and the error handler backs off, rolls the transaction back and seeks; the next poll,
 * which also completes any rebalance, brings only this worker's partitions. Such a failure lies outside the requests,
 * so the batch is polled again for as long as it lasts; requests whose deadline passes meanwhile end EXPIRED.
 */
public final class SignRequestListener {

    private static final Logger LOG = LoggerFactory.getLogger(SignRequestListener.class);

    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(SignRequestListener.class);

    /** The listener container id, for the registry (pause, resume, tests). */
    public static final String ID = "sign-worker-requests";

    private final SignRequestHandler handler;
    private final ClaimsClient claims;
    private final KafkaTemplate<String, Object> template;
    private final KafkaCloudEvents events;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final Semaphore parallelism;
    private final BooleanSupplier stopping;
    private final BatchesInFlight inFlight;

    /**
     * @param stopping whether the service has begun to stop (see {@link #rollBackFailuresOfStopping})
     * @param inFlight counts the batches in hand, for a stopping service to wait for
     */
    SignRequestListener(
            SignRequestHandler handler,
            ClaimsClient claims,
            KafkaTemplate<String, Object> template,
            KafkaCloudEvents events,
            DeadLetterPublishingRecoverer deadLetters,
            SignWorkerProperties properties,
            BooleanSupplier stopping,
            BatchesInFlight inFlight) {
        this.handler = handler;
        this.claims = claims;
        this.template = template;
        this.events = events;
        this.deadLetters = deadLetters;
        this.parallelism = new Semaphore(properties.parallelism());
        this.stopping = stopping;
        this.inFlight = inFlight;
    }

    @KafkaListener(
            id = ID,
            topics = Topics.SIGN_REQUESTED,
            batch = "true",
            concurrency = "${signet.signworker.concurrency:2}")
    public void onBatch(
            List<ConsumerRecord<String, CloudEventEnvelope<SignRequested>>> records, Consumer<?, ?> consumer) {
        inFlight.begin();
        try {
            work(records, consumer);
        } catch (BatchListenerFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException(
                    "sign request batch failed; it is rolled back and polled again", e, 0);
        } finally {
            inFlight.end();
        }
    }

    private void work(
            List<ConsumerRecord<String, CloudEventEnvelope<SignRequested>>> records, Consumer<?, ?> consumer) {
        Map<Claim, ClaimVerdict> verdicts = claim(records);
        List<Future<SignOutcome>> running = new ArrayList<>(records.size());
        // Virtual threads: the requests mostly wait (cert-worker, TSA, session pool), the parallelism is bounded
        // by the semaphore and the HSM's session pool.
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ConsumerRecord<String, CloudEventEnvelope<SignRequested>> record : records) {
                if (record.value() == null) {
                    deadLetter(record, consumer);
                    continue;
                }
                ClaimVerdict verdict = verdicts.get(claimOf(record));
                if (verdict != ClaimVerdict.PROCEED) {
                    skipped(record, verdict);
                    continue;
                }
                CloudEventEnvelope<SignRequested> envelope = record.value();
                CertRequested.Source source = new CertRequested.Source(record.partition(), record.offset());
                running.add(executor.submit(() -> bounded(envelope, source)));
            }
        }
        List<SignOutcome> outcomes =
                running.stream().map(SignRequestListener::result).toList();
        if (stopping.getAsBoolean()) {
            rollBackFailuresOfStopping(outcomes);
        }
        outcomes.forEach(this::send);
    }

    private Map<Claim, ClaimVerdict> claim(List<ConsumerRecord<String, CloudEventEnvelope<SignRequested>>> records) {
        return claims.claim(records.stream()
                .filter(record -> record.value() != null)
                .map(SignRequestListener::claimOf)
                .toList());
    }

    /**
     * A batch that ends while the service stops may have met the service's own parts going away: the certificate
     * client fails what it still waits for, the HSM token refuses new operations. Such a failure says nothing about
     * the request, so it must not become the request's result: the batch fails instead, its transaction is rolled
     * back, the stopping container does not retry it, and the requests are redone from step 1 after the restart,
     * as after a crash.
     */
    static void rollBackFailuresOfStopping(List<SignOutcome> outcomes) {
        long failures = outcomes.stream()
                .map(SignOutcome::event)
                .filter(event -> event instanceof SignFailed failed && TRANSIENT.contains(failed.errorCode()))
                .count();
        if (failures > 0) {
            throw new WorkerStoppingException(failures + " sign requests of this batch failed while sign-worker"
                    + " stops; the batch is rolled back and redone after the restart");
        }
    }

    /** Failure codes that a stopping service can cause on its own. */
    private static final Set<SignFailed.ErrorCode> TRANSIENT = EnumSet.of(
            SignFailed.ErrorCode.HSM_UNAVAILABLE, SignFailed.ErrorCode.TSA_UNAVAILABLE, SignFailed.ErrorCode.INTERNAL);

    /** Thrown to roll a batch back because the service stops under it. */
    static final class WorkerStoppingException extends IllegalStateException {
        WorkerStoppingException(String message) {
            super(message);
        }
    }

    private static void skipped(
            ConsumerRecord<String, CloudEventEnvelope<SignRequested>> record, ClaimVerdict verdict) {
        try (TraceMdc.Scope trace = TraceMdc.enter(record.value().traceparent())) {
            LOG.info(
                    "sign request {} at {}-{}@{} skipped: {}",
                    record.value().payload().signatureId(),
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    verdict);
        }
    }

    private static Claim claimOf(ConsumerRecord<String, CloudEventEnvelope<SignRequested>> record) {
        return new Claim(record.value().payload().signatureId(), record.partition(), record.offset());
    }

    private SignOutcome bounded(CloudEventEnvelope<SignRequested> envelope, CertRequested.Source source)
            throws InterruptedException {
        parallelism.acquire();
        try (TraceMdc.Scope trace = TraceMdc.enter(envelope.traceparent())) {
            return handler.handle(envelope.payload(), envelope.traceparent(), source);
        } finally {
            parallelism.release();
        }
    }

    private void send(SignOutcome outcome) {
        if (outcome.event() == null) {
            return;
        }
        // Sent within the container's transaction; a failed send fails the commit, and the batch is redone.
        template.send(asObjectRecord(events.toProducerRecord(outcome.event(), outcome.traceparent())));
    }

    private void deadLetter(ConsumerRecord<String, CloudEventEnvelope<SignRequested>> record, Consumer<?, ?> consumer) {
        DeserializationException failure = SerializationUtils.getExceptionFromHeader(
                record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
        Exception cause = failure != null ? failure : new IllegalArgumentException("empty sign request record");
        LOG.warn(
                "sign request at {}-{}@{} is not readable, dead-lettered: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage());
        deadLetters.accept(record, consumer, cause);
    }

    private static ProducerRecord<String, Object> asObjectRecord(ProducerRecord<String, byte[]> record) {
        return new ProducerRecord<>(
                record.topic(), record.partition(), record.timestamp(), record.key(), record.value(), record.headers());
    }

    private static SignOutcome result(Future<SignOutcome> outcome) {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("sign request failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signing", e);
        }
    }
}

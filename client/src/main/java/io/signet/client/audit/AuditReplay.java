package io.signet.client.audit;

import io.signet.schemas.EventContractException;
import io.signet.schemas.KafkaCloudEvents;
import io.signet.schemas.Topics;
import io.signet.schemas.audit.AuditEntry;
import io.signet.schemas.audit.AuditHashing;
import io.signet.schemas.audit.AuditRecord;
import io.signet.schemas.audit.AuditRecords;
import io.signet.schemas.audit.SignerPseudonyms;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Replay for ops: re-reads every {@code signet.*} topic from a time with a fresh consumer group (committing nothing,
 * so no service's position moves), rebuilds the entries the audit service should have appended with the same
 * derivation code ({@link AuditRecords}), and compares them with a log export: every entry MISSING from the log,
 * ALTERED in it (content, stored hash or chain link) or EXTRA (no such event on the topics) is reported. Records that
 * break the event contract are counted, not compared: the audit service sends those to dead-letter topics. Not
 * thread-safe; one replay per instance.
 *
 * <p>Events whose time is outside {@code [from, to)} are ignored on both sides. Kafka keeps what its retention keeps:
 * a window older than the retention shows the older entries as EXTRA.
 */
public final class AuditReplay {

    // Kafka record timestamps and ce_time come from different clocks; start reading a little earlier.
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final Duration MAX_READ = Duration.ofMinutes(10);

    private final Map<String, Object> kafka;
    private final AuditRecords records;
    private final KafkaCloudEvents events = new KafkaCloudEvents("audit-replay");

    /**
     * @param bootstrap Kafka bootstrap servers
     * @param pseudonyms the audit service's pseudonym key (without it signer ids cannot be rebuilt)
     */
    public AuditReplay(String bootstrap, SignerPseudonyms pseudonyms) {
        this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), pseudonyms);
    }

    /** With further consumer settings (security protocol ...). */
    public AuditReplay(Map<String, Object> kafka, SignerPseudonyms pseudonyms) {
        this.kafka = Map.copyOf(kafka);
        this.records = new AuditRecords(Objects.requireNonNull(pseudonyms, "pseudonyms"));
    }

    /** What differs between the topics and the log. */
    public enum Kind {
        MISSING,
        ALTERED,
        EXTRA
    }

    /**
     * One difference.
     *
     * @param kind what is wrong
     * @param position the log position concerned; null for a missing event whose place is unknown
     * @param eventId the event concerned; null for a gap no event accounts for
     * @param detail what differs, in words, without values
     */
    public record Difference(Kind kind, Long position, String eventId, String detail) {}

    /**
     * The outcome of a replay.
     *
     * @param differences every difference, ordered by position (unknown positions last)
     * @param eventsRead events read from the topics inside the window
     * @param unreadable records that broke the event contract (skipped, as the audit service skips them)
     * @param entriesCompared log entries inside the window
     */
    public record Report(List<Difference> differences, long eventsRead, long unreadable, long entriesCompared) {

        public boolean ok() {
            return differences.isEmpty();
        }

        /** The smallest position with a difference. */
        public OptionalLong firstBrokenPosition() {
            return differences.stream()
                    .filter(d -> d.position() != null)
                    .mapToLong(Difference::position)
                    .min();
        }
    }

    /** Rebuilt records of every event with {@code from <= ce_time < to}, deduplicated by event id. */
    public Rebuilt readTopics(Instant from, Instant to) {
        Properties properties = new Properties();
        properties.putAll(kafka);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "signet-audit-replay-" + UUID.randomUUID());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Map<String, AuditRecord> rebuilt = new LinkedHashMap<>();
        long unreadable = 0;
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Topics.ALL) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            seek(consumer, partitions, from);
            Instant deadline = Instant.now().plus(MAX_READ);
            while (!reachedEnd(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("reading the topics took longer than " + MAX_READ);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    try {
                        if (record.value() == null) {
                            throw new EventContractException("no value");
                        }
                        AuditRecord derived = records.derive(events.fromConsumerRecord(record));
                        if (!derived.time().isBefore(from) && derived.time().isBefore(to)) {
                            rebuilt.putIfAbsent(derived.eventId(), derived);
                        }
                    } catch (EventContractException e) {
                        unreadable++;
                    }
                }
            }
        }
        return new Rebuilt(List.copyOf(rebuilt.values()), unreadable);
    }

    /**
     * Records rebuilt from the topics.
     *
     * @param records one per event id, in reading order
     * @param unreadable records skipped because they break the event contract
     */
    public record Rebuilt(List<AuditRecord> records, long unreadable) {}

    /** Reads the topics and compares them with {@code export} (the whole log, position order). */
    public Report run(Instant from, Instant to, List<AuditEntry> export) {
        Rebuilt rebuilt = readTopics(from, to);
        Report report = compare(rebuilt.records(), export, from, to);
        return new Report(report.differences(), report.eventsRead(), rebuilt.unreadable(), report.entriesCompared());
    }

    /**
     * Compares rebuilt records with a log export inside {@code [from, to)}. An entry is ALTERED when its content
     * differs from its event's rebuilt record, when its stored leaf hash is not the hash of that content at its
     * position, or when its link to an unaltered predecessor is broken; a gap in positions is a MISSING entry, paired
     * with an event the log lacks where there is one.
     */
    public static Report compare(List<AuditRecord> rebuilt, List<AuditEntry> export, Instant from, Instant to) {
        Map<String, AuditRecord> expected = new LinkedHashMap<>();
        rebuilt.forEach(r -> expected.putIfAbsent(r.eventId(), r));
        List<AuditEntry> log = export.stream()
                .sorted(Comparator.comparingLong(AuditEntry::position))
                .toList();
        Map<Long, AuditEntry> byPosition = new HashMap<>();
        log.forEach(e -> byPosition.put(e.position(), e));
        List<Difference> differences = new ArrayList<>();
        Set<Long> altered = new HashSet<>();
        Set<String> matched = new HashSet<>();
        Deque<Long> gaps = new ArrayDeque<>();
        long compared = 0;
        long next = 0;
        for (AuditEntry entry : log) {
            boolean inWindow = !entry.time().isBefore(from) && entry.time().isBefore(to);
            for (long gap = next; gap < entry.position(); gap++) {
                if (inWindow) {
                    gaps.add(gap);
                }
            }
            next = Math.max(next, entry.position() + 1);
            if (!inWindow) {
                continue;
            }
            compared++;
            AuditRecord record = expected.get(entry.eventId());
            if (record == null) {
                differences.add(new Difference(Kind.EXTRA, entry.position(), entry.eventId(), "no such event"));
                altered.add(entry.position());
                continue;
            }
            matched.add(entry.eventId());
            String problem = problem(entry, record, byPosition.get(entry.position() - 1), altered);
            if (problem != null) {
                differences.add(new Difference(Kind.ALTERED, entry.position(), entry.eventId(), problem));
                altered.add(entry.position());
            }
        }
        List<AuditRecord> missing = expected.values().stream()
                .filter(r -> !matched.contains(r.eventId()))
                .sorted(Comparator.comparing(AuditRecord::time))
                .toList();
        for (AuditRecord record : missing) {
            Long position = gaps.pollFirst();
            differences.add(new Difference(Kind.MISSING, position, record.eventId(), "event not in the log"));
        }
        for (Long gap : gaps) {
            differences.add(new Difference(Kind.MISSING, gap, null, "position absent from the log"));
        }
        differences.sort(Comparator.comparing(Difference::position, Comparator.nullsLast(Comparator.naturalOrder())));
        return new Report(List.copyOf(differences), expected.size(), 0, compared);
    }

    private static String problem(AuditEntry entry, AuditRecord record, AuditEntry previous, Set<Long> altered) {
        AuditRecord stored = entry.record();
        if (!stored.equals(record)) {
            return "content differs from the event in " + differingComponents(stored, record);
        }
        if (!entry.computedLeafHash().equals(entry.leafHash())) {
            return "stored leaf hash does not match the content at this position";
        }
        if (entry.position() == 0 && !entry.prevHash().equals(AuditHashing.GENESIS)) {
            return "first entry does not start the chain";
        }
        if (previous != null
                && !altered.contains(previous.position())
                && !entry.prevHash().equals(previous.leafHash())) {
            return "chain link to the previous entry is broken";
        }
        return null;
    }

    private static List<String> differingComponents(AuditRecord a, AuditRecord b) {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : AuditRecord.class.getRecordComponents()) {
            try {
                Object x = component.getAccessor().invoke(a);
                Object y = component.getAccessor().invoke(b);
                if (!Objects.equals(x, y)) {
                    names.add(component.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return names;
    }

    private static void seek(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions, Instant from) {
        if (!from.isAfter(Instant.EPOCH.plus(SKEW))) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, from.minus(SKEW).toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset == null) {
                consumer.seekToEnd(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }
}

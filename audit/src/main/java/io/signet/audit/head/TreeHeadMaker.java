package io.signet.audit.head;

import io.signet.audit.ingest.AppendedEntries;
import io.signet.audit.merkle.AuditTree;
import io.signet.schemas.Base64Bytes;
import io.signet.schemas.audit.AuditEntry;
import io.signet.schemas.audit.SignedTreeHead;
import io.signet.schemas.audit.TreeHead;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Makes signed tree heads: every {@code interval} if the log grew, and at once when {@code maxEntries} entries were
 * appended since the last head. A head is the tree's size and root at a moment, signed by the audit key in the HSM
 * and time-stamped by the TSA over its signature. Signing runs on its own thread so the appender never waits for
 * the HSM or the TSA. Thread-safe: {@link #makeHead} is serialised.
 */
public final class TreeHeadMaker implements AppendedEntries, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TreeHeadMaker.class);

    private final AuditTree tree;
    private final AuditSigningKey key;
    private final HeadTimeStamper timeStamper;
    private final Jdbi jdbi;
    private final HeadProperties properties;
    private final Clock clock;
    private final AtomicLong sinceLastHead = new AtomicLong();
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile boolean consistent = true;
    private final ExecutorService signer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("audit-head").daemon().factory());

    public TreeHeadMaker(
            AuditTree tree,
            AuditSigningKey key,
            HeadTimeStamper timeStamper,
            Jdbi jdbi,
            HeadProperties properties,
            Clock clock) {
        this.tree = tree;
        this.key = key;
        this.timeStamper = timeStamper;
        this.jdbi = jdbi;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void appended(List<AuditEntry> entries) {
        if (sinceLastHead.addAndGet(entries.size()) >= properties.maxEntries() && queued.compareAndSet(false, true)) {
            signer.execute(() -> {
                queued.set(false);
                makeHeadQuietly();
            });
        }
    }

    @Scheduled(fixedDelayString = "${signet.audit.head.interval:10s}")
    void onSchedule() {
        makeHeadQuietly();
    }

    private void makeHeadQuietly() {
        try {
            makeHead();
        } catch (RuntimeException e) {
            // The next schedule tries again; the log itself is not affected.
            LOG.error("making a signed tree head failed: {}", e.toString());
        }
    }

    /** Signs a head over the current tree if it grew since the latest head; returns the latest head either way. */
    public synchronized Optional<SignedTreeHead> makeHead() {
        tree.catchUp(); // another instance may have appended
        AuditTree.Snapshot snapshot = tree.snapshot();
        TreeHeadDao dao = jdbi.onDemand(TreeHeadDao.class);
        Optional<SignedTreeHead> latest = dao.latest();
        if (latest.isPresent()
                && latest.get().treeSize() <= snapshot.size()
                && !tree.root(latest.get().treeSize()).equals(latest.get().rootHash())) {
            // The stored leaves no longer give the signed root: rows were changed behind the log's back (the tree
            // is loaded from the table at start). Signing now would certify the tampered log.
            if (consistent) {
                LOG.error(
                        "audit log does not match its signed tree head of size {}: no new heads are signed;"
                                + " run `signet audit verify log` to find the first broken position",
                        latest.get().treeSize());
            }
            consistent = false;
            return latest;
        }
        if (snapshot.size() == 0
                || latest.map(h -> h.treeSize() >= snapshot.size()).orElse(false)) {
            return latest;
        }
        sinceLastHead.set(0);
        TreeHead head = new TreeHead(snapshot.size(), snapshot.root(), clock.instant());
        byte[] signature = key.sign(head.toBeSigned());
        Optional<byte[]> token = timeStamper.timestamp(signature);
        SignedTreeHead signed = new SignedTreeHead(
                head.treeSize(),
                head.rootHash(),
                head.timestamp(),
                key.signatureAlgorithm(),
                Base64Bytes.of(signature),
                key.keyId(),
                token.map(Base64Bytes::of).orElse(null));
        if (dao.insert(signed)) {
            LOG.info(
                    "signed tree head: size {} root {}{}",
                    signed.treeSize(),
                    signed.rootHash(),
                    token.isPresent() ? ", time-stamped" : "");
            return Optional.of(signed);
        }
        return dao.ofSize(signed.treeSize());
    }

    /** False once the stored log was found not to match a signed head; then no head is signed any more. */
    public boolean consistentWithSignedHeads() {
        return consistent;
    }

    @Override
    public void close() {
        signer.shutdownNow();
    }
}

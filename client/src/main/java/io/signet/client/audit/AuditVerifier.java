package io.signet.client.audit;

import io.signet.schemas.audit.AuditEntry;
import io.signet.schemas.audit.AuditLogCheck;
import io.signet.schemas.audit.ConsistencyProof;
import io.signet.schemas.audit.MerkleProofs;
import io.signet.schemas.audit.Sha256Hash;
import io.signet.schemas.audit.SignedTreeHead;
import io.signet.schemas.audit.TransactionProof;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

/**
 * Checks the audit log offline, trusting only the audit public key (and, if given, the TSA's certificate) that the
 * auditor obtained out of band: a signed tree head's signature and time-stamp, a transaction's inclusion proofs
 * (leaf hashes recomputed from the entries' content, not taken from the service), consistency between two heads,
 * and a full log export (hash chain and Merkle root recomputed; the FIRST broken position reported). Thread-safe.
 *
 * <p>Run as a program ({@link #main}): {@code AuditVerifier <log|proof|head|consistency> --key FILE …}.
 */
public final class AuditVerifier {

    private static final Set<String> ALGORITHMS = Set.of("SHA256withECDSA", "SHA384withECDSA");

    private final PublicKey auditKey;
    private final Sha256Hash auditKeyId;
    private final X509Certificate tsaCertificate;

    /**
     * @param auditKey the audit public key, pinned by the auditor
     * @param tsaCertificate the TSA certificate to trust for time-stamps; null: a token is checked against the
     *     certificate it carries, and reported as {@link TimeStampStatus#UNPINNED}
     */
    public AuditVerifier(PublicKey auditKey, X509Certificate tsaCertificate) {
        this.auditKey = Objects.requireNonNull(auditKey, "auditKey");
        this.auditKeyId = Sha256Hash.digest(auditKey.getEncoded());
        this.tsaCertificate = tsaCertificate;
    }

    /** How a head's time-stamp fared. */
    public enum TimeStampStatus {
        /** Valid, signed by the pinned TSA certificate. */
        VALID,
        /** Valid against the certificate inside the token, but no TSA certificate was pinned. */
        UNPINNED,
        /** The head carries no time-stamp (the TSA was unreachable when it was made). */
        MISSING,
        /** Not over this head's signature, or its signature does not verify. */
        INVALID
    }

    /**
     * The verdict on one signed tree head.
     *
     * @param keyMatches the head names the pinned key
     * @param signatureValid the signature over the head verifies with the pinned key
     * @param timeStamp the time-stamp's verdict
     * @param timeStampTime the TSA's time, when the token parsed
     */
    public record HeadCheck(
            boolean keyMatches, boolean signatureValid, TimeStampStatus timeStamp, Instant timeStampTime) {

        /** Key and signature hold and the time-stamp is valid or at least intact. */
        public boolean ok() {
            return keyMatches
                    && signatureValid
                    && (timeStamp == TimeStampStatus.VALID || timeStamp == TimeStampStatus.UNPINNED);
        }
    }

    /**
     * The verdict on a log export.
     *
     * @param head the verdict on the head the export was checked against
     * @param entries number of entries in the export
     * @param firstBreak the first broken position, if any
     * @param rootMatches the Merkle root recomputed over the first {@code head.treeSize} entries equals the signed one
     */
    public record LogCheck(
            HeadCheck head, long entries, Optional<AuditLogCheck.Break> firstBreak, boolean rootMatches) {

        public boolean ok() {
            return head.ok() && firstBreak.isEmpty() && rootMatches;
        }
    }

    /**
     * The verdict on a transaction proof.
     *
     * @param head the verdict on the head the proofs lead to
     * @param failedPositions positions of entries whose inclusion proof does not hold
     */
    public record ProofCheck(HeadCheck head, List<Long> failedPositions, int entries) {

        public boolean ok() {
            return head.ok() && failedPositions.isEmpty() && entries > 0;
        }
    }

    /** Checks a head's key, signature and time-stamp. */
    public HeadCheck checkHead(SignedTreeHead head) {
        boolean keyMatches = auditKeyId.equals(head.keyId());
        boolean signatureValid = ALGORITHMS.contains(head.signatureAlgorithm()) && verifySignature(head);
        if (head.timeStampToken() == null) {
            return new HeadCheck(keyMatches, signatureValid, TimeStampStatus.MISSING, null);
        }
        return checkTimeStamp(head, keyMatches, signatureValid);
    }

    /** Whether {@code entry}, hashed from its content, is in the tree of {@code head} at its position. */
    public boolean verifyInclusion(AuditEntry entry, List<Sha256Hash> auditPath, SignedTreeHead head) {
        return MerkleProofs.verifyInclusion(
                entry.position(), head.treeSize(), entry.computedLeafHash(), auditPath, head.rootHash());
    }

    /** Checks a transaction proof: its head, and every entry's inclusion. */
    public ProofCheck checkProof(TransactionProof proof) {
        List<Long> failed = new ArrayList<>();
        for (TransactionProof.EntryProof entry : proof.entries()) {
            boolean belongs = proof.signatureId().equals(entry.entry().signatureId());
            if (!belongs || !verifyInclusion(entry.entry(), entry.auditPath(), proof.head())) {
                failed.add(entry.entry().position());
            }
        }
        return new ProofCheck(checkHead(proof.head()), failed, proof.entries().size());
    }

    /** Whether {@code second} extends {@code first}: both heads check and the proof links their roots. */
    public boolean checkConsistency(SignedTreeHead first, SignedTreeHead second, ConsistencyProof proof) {
        return checkHead(first).ok()
                && checkHead(second).ok()
                && proof.first() == first.treeSize()
                && proof.second() == second.treeSize()
                && MerkleProofs.verifyConsistency(
                        first.treeSize(), second.treeSize(), first.rootHash(), second.rootHash(), proof.proof());
    }

    /**
     * Checks a full export (position order, from position 0) against a signed head: recomputes every leaf hash and
     * chain link, reports the first broken position, and compares the recomputed root of the head's size.
     */
    public LogCheck checkLog(List<AuditEntry> export, SignedTreeHead head) {
        AuditLogCheck walk = new AuditLogCheck();
        export.forEach(walk::accept);
        walk.expectAtLeast(head.treeSize());
        boolean rootMatches =
                walk.root(head.treeSize()).map(head.rootHash()::equals).orElse(false);
        return new LogCheck(checkHead(head), walk.size(), walk.firstBreak(), rootMatches);
    }

    private boolean verifySignature(SignedTreeHead head) {
        try {
            Signature verifier = Signature.getInstance(head.signatureAlgorithm());
            verifier.initVerify(auditKey);
            verifier.update(head.head().toBeSigned());
            return verifier.verify(head.signature().bytes());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private HeadCheck checkTimeStamp(SignedTreeHead head, boolean keyMatches, boolean signatureValid) {
        Instant genTime = null;
        try {
            TimeStampToken token =
                    new TimeStampToken(new CMSSignedData(head.timeStampToken().bytes()));
            TimeStampTokenInfo info = token.getTimeStampInfo();
            genTime = info.getGenTime().toInstant();
            byte[] imprint =
                    MessageDigest.getInstance("SHA-256").digest(head.signature().bytes());
            if (!NISTObjectIdentifiers.id_sha256.equals(info.getMessageImprintAlgOID())
                    || !MessageDigest.isEqual(imprint, info.getMessageImprintDigest())) {
                return new HeadCheck(keyMatches, signatureValid, TimeStampStatus.INVALID, genTime);
            }
            X509CertificateHolder signer;
            TimeStampStatus verdict;
            if (tsaCertificate != null) {
                signer = new JcaX509CertificateHolder(tsaCertificate);
                verdict = TimeStampStatus.VALID;
            } else {
                @SuppressWarnings("unchecked")
                Collection<X509CertificateHolder> carried =
                        token.getCertificates().getMatches(token.getSID());
                if (carried.isEmpty()) {
                    return new HeadCheck(keyMatches, signatureValid, TimeStampStatus.INVALID, genTime);
                }
                signer = carried.iterator().next();
                verdict = TimeStampStatus.UNPINNED;
            }
            // Checks the token's signature, that the certificate is a TSA certificate and valid at genTime.
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(signer));
            return new HeadCheck(keyMatches, signatureValid, verdict, genTime);
        } catch (Exception e) {
            return new HeadCheck(keyMatches, signatureValid, TimeStampStatus.INVALID, genTime);
        }
    }
}

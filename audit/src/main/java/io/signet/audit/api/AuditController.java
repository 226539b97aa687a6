package io.signet.audit.api;

import io.signet.audit.head.AuditSigningKey;
import io.signet.audit.head.TreeHeadDao;
import io.signet.audit.ingest.AuditEntryDao;
import io.signet.audit.merkle.AuditTree;
import io.signet.schemas.audit.AuditEntry;
import io.signet.schemas.audit.AuditExport;
import io.signet.schemas.audit.ConsistencyProof;
import io.signet.schemas.audit.SignedTreeHead;
import io.signet.schemas.audit.TransactionProof;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The auditors' API (GovStack 8.3 {@code GET /v1/audit/log}, 6.6 "audit-proof of a transaction"). Every answer is
 * JSON in the audit contract's own encoding ({@link AuditExport}), so what the offline verifier reads is byte for
 * byte what the service wrote. Access is checked by {@link AuditAccess}: auditors see
 * everything, a signer sees only the entries of their own transactions.
 */
@RestController
@RequestMapping(path = "/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
public class AuditController {

    private final Jdbi jdbi;
    private final AuditTree tree;
    private final AuditSigningKey key;
    private final AuditExport json;
    private final ApiProperties properties;

    public AuditController(Jdbi jdbi, AuditTree tree, AuditSigningKey key, AuditExport json, ApiProperties properties) {
        this.jdbi = jdbi;
        this.tree = tree;
        this.key = key;
        this.json = json;
        this.properties = properties;
    }

    /**
     * Entries in log order, optionally those with {@code start <= time < end}, a page at a time: from position
     * {@code fromPosition}, at most {@code limit}; a {@code Link: <…>; rel="next"} header points at the next page.
     */
    @GetMapping("/log")
    public ResponseEntity<String> log(
            @RequestParam(required = false) String start,
            @RequestParam(required = false) String end,
            @RequestParam(defaultValue = "0") long fromPosition,
            @RequestParam(required = false) Integer limit,
            HttpServletRequest http) {
        int size = limit == null ? properties.defaultPageSize() : limit;
        if (size < 1 || size > properties.maxPageSize() || fromPosition < 0) {
            throw new ApiException(400, "limit must be 1.." + properties.maxPageSize() + ", fromPosition >= 0");
        }
        Instant from = instant("start", start, Instant.EPOCH);
        Instant to = instant("end", end, Instant.parse("9999-12-31T23:59:59Z"));
        List<AuditEntry> page =
                page(AuditAccess.of(http), start == null && end == null, from, to, fromPosition, size + 1);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (page.size() > size) {
            page = page.subList(0, size);
            String next = UriComponentsBuilder.fromPath("/v1/audit/log")
                    .queryParamIfPresent("start", java.util.Optional.ofNullable(start))
                    .queryParamIfPresent("end", java.util.Optional.ofNullable(end))
                    .queryParam("fromPosition", page.getLast().position() + 1)
                    .queryParam("limit", size)
                    .encode()
                    .toUriString();
            response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return response.body(json.mapper().writeValueAsString(page));
    }

    private List<AuditEntry> page(
            AuditCaller caller, boolean allTime, Instant from, Instant to, long fromPosition, int limit) {
        AuditEntryDao dao = jdbi.onDemand(AuditEntryDao.class);
        OffsetDateTime start = from.atOffset(ZoneOffset.UTC);
        OffsetDateTime end = to.atOffset(ZoneOffset.UTC);
        if (caller.isAuditor()) {
            return allTime ? dao.page(fromPosition, limit) : dao.pageInTime(start, end, fromPosition, limit);
        }
        String signer = caller.signerId().orElseThrow();
        return allTime
                ? dao.pageOfSigner(signer, fromPosition, limit)
                : dao.pageOfSignerInTime(signer, start, end, fromPosition, limit);
    }

    /** The latest signed tree head, or the one of {@code treeSize}. */
    @GetMapping("/head")
    public ResponseEntity<String> head(@RequestParam(required = false) Long treeSize) {
        TreeHeadDao heads = jdbi.onDemand(TreeHeadDao.class);
        SignedTreeHead head = (treeSize == null ? heads.latest() : heads.ofSize(treeSize))
                .orElseThrow(() ->
                        new ApiException(404, "no signed tree head" + (treeSize == null ? " yet" : " of that size")));
        return ResponseEntity.ok(json.mapper().writeValueAsString(head));
    }

    /** The audit public key that signs tree heads (to be pinned by auditors out of band, not trusted from here). */
    @GetMapping("/key")
    public ResponseEntity<String> key() {
        return ResponseEntity.ok(json.mapper()
                .writeValueAsString(Map.of(
                        "keyId", key.keyId().hex(),
                        "signatureAlgorithm", key.signatureAlgorithm(),
                        "publicKey",
                                Base64.getEncoder()
                                        .encodeToString(key.publicKey().getEncoded()))));
    }

    /** The entries of a transaction with inclusion proofs against the latest signed tree head. */
    @GetMapping("/proof/{signatureId}")
    public ResponseEntity<String> proof(@PathVariable String signatureId, HttpServletRequest http) {
        SignedTreeHead head = jdbi.onDemand(TreeHeadDao.class)
                .latest()
                .orElseThrow(() -> new ApiException(404, "no signed tree head yet"));
        List<AuditEntry> entries = jdbi.onDemand(AuditEntryDao.class).ofTransaction(signatureId).stream()
                .filter(e -> e.position() < head.treeSize())
                .toList();
        // A signer asking for somebody else's transaction learns nothing, not even that it exists.
        if (entries.isEmpty() || !mayRead(AuditAccess.of(http), entries)) {
            throw new ApiException(404, "no entries of this signatureId under the latest signed tree head");
        }
        if (tree.size() < head.treeSize()) {
            tree.catchUp();
        }
        List<TransactionProof.EntryProof> proofs = entries.stream()
                .map(e -> new TransactionProof.EntryProof(e, tree.inclusionProof(e.position(), head.treeSize())))
                .toList();
        return ResponseEntity.ok(json.mapper().writeValueAsString(new TransactionProof(signatureId, head, proofs)));
    }

    /** Proof that the log of {@code second} entries extends the log of {@code first} entries. */
    @GetMapping("/consistency")
    public ResponseEntity<String> consistency(@RequestParam long first, @RequestParam long second) {
        if (second > tree.size()) {
            tree.catchUp();
        }
        if (first < 0 || first > second || second > tree.size()) {
            throw new ApiException(400, "need 0 <= first <= second <= " + tree.size());
        }
        ConsistencyProof proof = new ConsistencyProof(
                first, second, tree.root(first), tree.root(second), tree.consistencyProof(first, second));
        return ResponseEntity.ok(json.mapper().writeValueAsString(proof));
    }

    private static boolean mayRead(AuditCaller caller, List<AuditEntry> transaction) {
        return caller.isAuditor()
                || transaction.stream().anyMatch(e -> caller.signerId().get().equals(e.signerId()));
    }

    private static Instant instant(String name, String value, Instant fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "'" + name + "' must be an ISO 8601 UTC timestamp");
        }
    }
}

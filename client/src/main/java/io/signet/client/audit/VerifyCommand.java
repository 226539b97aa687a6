package io.signet.client.audit;

import io.signet.schemas.audit.AuditEntry;
import io.signet.schemas.audit.AuditExport;
import io.signet.schemas.audit.ConsistencyProof;
import io.signet.schemas.audit.SignedTreeHead;
import io.signet.schemas.audit.TransactionProof;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code signet audit verify <log|proof|head|consistency> --key FILE [--tsa-cert FILE] …}: the offline checks.
 * Sources are files ({@code --export}, {@code --head}, {@code --proof}) or the audit API ({@code --url} with
 * {@code --token-file}, the auditors' token file). Exit code 0: all checks hold; 1: something is broken; 2: usage.
 */
@Command(
        name = "verify",
        description = {
            "Checks the audit log offline: the hash chain and Merkle root (log), a transaction's inclusion (proof),",
            "a signed tree head (head) or that a later head extends an earlier one (consistency).",
            "Exit 0: all checks hold; 1: something is broken; 2: usage."
        })
public final class VerifyCommand implements Callable<Integer> {

    /** What to check. */
    public enum Check {
        log,
        proof,
        head,
        consistency
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "log, proof, head or consistency")
    Check check;

    @Option(
            names = "--key",
            required = true,
            description = "PEM public key, or the JSON of GET /v1/audit/key saved when the key was pinned")
    Path key;

    @Option(names = "--tsa-cert", description = "the TSA certificate (PEM) the heads' time-stamps must come from")
    Path tsaCert;

    @Option(names = "--export", description = "log export (JSON lines), for log")
    Path export;

    @Option(names = "--head", description = "signed tree head (JSON), for log and head")
    Path head;

    @Option(names = "--proof", description = "transaction proof (JSON), for proof")
    Path proof;

    @Option(names = "--url", description = "the audit API instead of files")
    URI url;

    @Option(names = "--token-file", description = "the auditors' token file, with --url")
    Path tokenFile;

    @Option(names = "--signature-id", description = "with proof --url")
    String signatureId;

    @Option(names = "--first", description = "with consistency: the earlier tree size")
    Long first;

    @Option(names = "--second", description = "with consistency: the later tree size")
    Long second;

    private final AuditExport json = new AuditExport();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        AuditVerifier verifier =
                new AuditVerifier(AuditKeys.publicKey(key), tsaCert == null ? null : AuditKeys.certificate(tsaCert));
        boolean ok = switch (check) {
            case log -> log(verifier, out);
            case proof -> proof(verifier, out);
            case head -> head(verifier, out);
            case consistency -> consistency(verifier, out);
        };
        out.flush();
        return ok ? 0 : 1;
    }

    private boolean log(AuditVerifier verifier, PrintWriter out) {
        List<AuditEntry> entries;
        SignedTreeHead signedHead;
        if (url != null) {
            AuditApiClient api = api();
            signedHead = api.latestHead();
            entries = api.exportLog(10_000);
        } else {
            entries = json.read(reader(required(export, "--export or --url")));
            signedHead = read(required(head, "--head"), SignedTreeHead.class);
        }
        AuditVerifier.LogCheck result = verifier.checkLog(entries, signedHead);
        printHead(out, signedHead, result.head());
        result.firstBreak()
                .ifPresentOrElse(
                        b -> out.println(
                                "log BROKEN: first broken position " + b.position() + " (" + b.problem() + ")"),
                        () -> out.println("log chain intact: " + result.entries() + " entries"));
        out.println("root over " + signedHead.treeSize() + " entries "
                + (result.rootMatches() ? "matches" : "DOES NOT MATCH") + " the signed head");
        return result.ok();
    }

    private boolean proof(AuditVerifier verifier, PrintWriter out) {
        TransactionProof transaction = url != null
                ? api().proof(required(signatureId, "--signature-id"))
                : read(required(proof, "--proof or --url"), TransactionProof.class);
        AuditVerifier.ProofCheck result = verifier.checkProof(transaction);
        printHead(out, transaction.head(), result.head());
        out.println(transaction.signatureId() + ": " + result.entries() + " entries, "
                + (result.failedPositions().isEmpty() ? "all included" : "NOT included: " + result.failedPositions()));
        return result.ok();
    }

    private boolean head(AuditVerifier verifier, PrintWriter out) {
        SignedTreeHead signedHead =
                url != null ? api().latestHead() : read(required(head, "--head or --url"), SignedTreeHead.class);
        AuditVerifier.HeadCheck result = verifier.checkHead(signedHead);
        printHead(out, signedHead, result);
        return result.ok();
    }

    private boolean consistency(AuditVerifier verifier, PrintWriter out) {
        AuditApiClient api = api();
        SignedTreeHead earlier = api.head(required(first, "--first"));
        SignedTreeHead later = api.head(required(second, "--second"));
        ConsistencyProof consistency = api.consistency(earlier.treeSize(), later.treeSize());
        boolean ok = verifier.checkConsistency(earlier, later, consistency);
        out.println(
                "head " + later.treeSize() + (ok ? " extends " : " does NOT extend ") + "head " + earlier.treeSize());
        return ok;
    }

    private static void printHead(PrintWriter out, SignedTreeHead head, AuditVerifier.HeadCheck check) {
        out.println("head: size " + head.treeSize() + ", root " + head.rootHash() + ", " + head.timestamp()
                + "; key " + (check.keyMatches() ? "pinned" : "UNKNOWN") + ", signature "
                + (check.signatureValid() ? "valid" : "INVALID") + ", time-stamp " + check.timeStamp()
                + (check.timeStampTime() == null ? "" : " at " + check.timeStampTime()));
    }

    private AuditApiClient api() {
        if (url == null) {
            throw new ParameterException(spec.commandLine(), "--url is required for " + check);
        }
        return new AuditApiClient(
                url, AuditKeys.read(required(tokenFile, "--token-file")).strip());
    }

    private <T> T required(T value, String what) {
        if (value == null) {
            throw new ParameterException(spec.commandLine(), what + " is required");
        }
        return value;
    }

    private <T> T read(Path file, Class<T> type) {
        try {
            return json.mapper().readValue(Files.readString(file), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static java.io.Reader reader(Path file) {
        try {
            return Files.newBufferedReader(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}

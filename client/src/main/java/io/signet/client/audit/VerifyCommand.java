package io.signet.client.audit;

import io.signet.schemas.audit.AuditEntry;
import io.signet.schemas.audit.AuditExport;
import io.signet.schemas.audit.ConsistencyProof;
import io.signet.schemas.audit.SignedTreeHead;
import io.signet.schemas.audit.TransactionProof;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code AuditVerifier <log|proof|head|consistency> --key FILE [--tsa-cert FILE] …}: the offline checks as a program.
 * Sources are files ({@code --export}, {@code --head}, {@code --proof}) or the audit API ({@code --url} with
 * {@code --token-file}, the auditors' token file). Exit code 0: all checks hold; 1: something is broken; 2: usage.
 */
final class VerifyCommand {

    static final String USAGE = """
            usage: AuditVerifier <command> --key AUDIT_KEY_FILE [--tsa-cert TSA_CERT_FILE] [source]
              log          --export LOG.jsonl --head HEAD.json  |  --url URL --token-file FILE
              proof        --proof PROOF.json                   |  --url URL --token-file FILE --signature-id ID
              head         --head HEAD.json                     |  --url URL --token-file FILE
              consistency  --url URL --token-file FILE --first SIZE --second SIZE
            AUDIT_KEY_FILE: PEM public key, or the JSON of GET /v1/audit/key saved when the key was pinned.""";

    private final AuditExport json = new AuditExport();

    int run(String[] args, PrintStream out) {
        try {
            CommandArguments arguments = new CommandArguments(args);
            AuditVerifier verifier = new AuditVerifier(
                    AuditKeys.publicKey(Path.of(arguments.required("key"))),
                    arguments.path("tsa-cert").map(AuditKeys::certificate).orElse(null));
            boolean ok = switch (arguments.command()) {
                case "log" -> log(arguments, verifier, out);
                case "proof" -> proof(arguments, verifier, out);
                case "head" -> head(arguments, verifier, out);
                case "consistency" -> consistency(arguments, verifier, out);
                default -> throw new CommandArguments.UsageException("unknown command " + arguments.command());
            };
            return ok ? 0 : 1;
        } catch (CommandArguments.UsageException e) {
            out.println(e.getMessage());
            out.println(USAGE);
            return 2;
        }
    }

    private boolean log(CommandArguments arguments, AuditVerifier verifier, PrintStream out) {
        List<AuditEntry> export;
        SignedTreeHead head;
        if (arguments.option("url").isPresent()) {
            AuditApiClient api = api(arguments);
            head = api.latestHead();
            export = api.exportLog(10_000);
        } else {
            export = json.read(reader(arguments.path("export").orElseThrow(() -> usage("--export or --url"))));
            head = read(arguments.path("head").orElseThrow(() -> usage("--head")), SignedTreeHead.class);
        }
        AuditVerifier.LogCheck check = verifier.checkLog(export, head);
        printHead(out, head, check.head());
        check.firstBreak()
                .ifPresentOrElse(
                        b -> out.println(
                                "log BROKEN: first broken position " + b.position() + " (" + b.problem() + ")"),
                        () -> out.println("log chain intact: " + check.entries() + " entries"));
        out.println("root over " + head.treeSize() + " entries " + (check.rootMatches() ? "matches" : "DOES NOT MATCH")
                + " the signed head");
        return check.ok();
    }

    private boolean proof(CommandArguments arguments, AuditVerifier verifier, PrintStream out) {
        TransactionProof proof = arguments.option("url").isPresent()
                ? api(arguments).proof(arguments.required("signature-id"))
                : read(arguments.path("proof").orElseThrow(() -> usage("--proof or --url")), TransactionProof.class);
        AuditVerifier.ProofCheck check = verifier.checkProof(proof);
        printHead(out, proof.head(), check.head());
        out.println(proof.signatureId() + ": " + check.entries() + " entries, "
                + (check.failedPositions().isEmpty() ? "all included" : "NOT included: " + check.failedPositions()));
        return check.ok();
    }

    private boolean head(CommandArguments arguments, AuditVerifier verifier, PrintStream out) {
        SignedTreeHead head = arguments.option("url").isPresent()
                ? api(arguments).latestHead()
                : read(arguments.path("head").orElseThrow(() -> usage("--head or --url")), SignedTreeHead.class);
        AuditVerifier.HeadCheck check = verifier.checkHead(head);
        printHead(out, head, check);
        return check.ok();
    }

    private boolean consistency(CommandArguments arguments, AuditVerifier verifier, PrintStream out) {
        AuditApiClient api = api(arguments);
        SignedTreeHead first = api.head(Long.parseLong(arguments.required("first")));
        SignedTreeHead second = api.head(Long.parseLong(arguments.required("second")));
        ConsistencyProof proof = api.consistency(first.treeSize(), second.treeSize());
        boolean ok = verifier.checkConsistency(first, second, proof);
        out.println(
                "head " + second.treeSize() + (ok ? " extends " : " does NOT extend ") + "head " + first.treeSize());
        return ok;
    }

    private static void printHead(PrintStream out, SignedTreeHead head, AuditVerifier.HeadCheck check) {
        out.println("head: size " + head.treeSize() + ", root " + head.rootHash() + ", " + head.timestamp()
                + "; key " + (check.keyMatches() ? "pinned" : "UNKNOWN") + ", signature "
                + (check.signatureValid() ? "valid" : "INVALID") + ", time-stamp " + check.timeStamp()
                + (check.timeStampTime() == null ? "" : " at " + check.timeStampTime()));
    }

    private static AuditApiClient api(CommandArguments arguments) {
        Path tokenFile = Path.of(arguments.required("token-file"));
        return new AuditApiClient(
                URI.create(arguments.required("url")), AuditKeys.read(tokenFile).strip());
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

    private static CommandArguments.UsageException usage(String what) {
        return new CommandArguments.UsageException(what + " is required");
    }
}

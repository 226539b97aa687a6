package io.signet.schemas.audit;

import io.signet.schemas.EventCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of the audit log's contract types ({@link AuditEntry}, {@link SignedTreeHead}, {@link TransactionProof},
 * {@link ConsistencyProof}) and the export file: one entry per line (JSON Lines), in position order. Reading also
 * accepts a JSON array, which is what a page of {@code GET /v1/audit/log} is. Thread-safe.
 */
public final class AuditExport {

    private final JsonMapper mapper;

    public AuditExport() {
        this.mapper = new EventCodec().mapper();
    }

    /** The configured mapper (ISO-8601 times, nulls omitted, unknown properties ignored). */
    public JsonMapper mapper() {
        return mapper;
    }

    /** Writes {@code entries} as JSON Lines. */
    public void write(Writer out, Iterable<AuditEntry> entries) {
        try {
            for (AuditEntry entry : entries) {
                out.write(mapper.writeValueAsString(entry));
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an export: JSON Lines, or one JSON array of entries. */
    public List<AuditEntry> read(Reader in) {
        try (BufferedReader reader = new BufferedReader(in)) {
            List<String> lines = reader.lines().filter(l -> !l.isBlank()).toList();
            if (!lines.isEmpty() && lines.getFirst().stripLeading().startsWith("[")) {
                return List.of(mapper.readValue(String.join("\n", lines), AuditEntry[].class));
            }
            List<AuditEntry> entries = new ArrayList<>(lines.size());
            for (String line : lines) {
                entries.add(mapper.readValue(line, AuditEntry.class));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JacksonException e) {
            // Jackson quotes input; an export holds no secrets, but keep messages short and uniform.
            throw new IllegalArgumentException("not an audit log export: " + e.getOriginalMessage());
        }
    }
}

package io.signet.gateway.relay;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

/**
 * Kafka Connect offset store for the embedded Debezium engine in {@code gateway.relay_offset}, so the relay resumes
 * where it stopped on whichever instance takes over (the engine instantiates this class by name, hence the
 * connection settings arrive as engine properties {@link #URL}, {@link #USER}, {@link #PASSWORD}). The in-memory map
 * of the superclass is the working copy; {@link #save} writes it through on every flush, in one transaction.
 * Thread-safety: the superclass runs {@code save} on its single executor thread.
 */
public class JdbcOffsetBackingStore extends MemoryOffsetBackingStore {

    public static final String URL = "offset.storage.signet.jdbc.url";
    public static final String USER = "offset.storage.signet.jdbc.user";
    public static final String PASSWORD = "offset.storage.signet.jdbc.password";

    private PostgresEndpoint endpoint;

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        Map<String, Object> originals = config.originals();
        Object url = originals.get(URL);
        if (url == null) {
            throw new ConnectException("Missing " + URL);
        }
        endpoint = new PostgresEndpoint(
                url.toString(), stringOrNull(originals.get(USER)), stringOrNull(originals.get(PASSWORD)));
    }

    @Override
    public synchronized void start() {
        super.start();
        try (Connection connection = endpoint.connect("signet-relay-offsets");
                PreparedStatement select =
                        connection.prepareStatement("select offset_key, offset_value from gateway.relay_offset");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                byte[] value = rows.getBytes(2);
                data.put(ByteBuffer.wrap(rows.getBytes(1)), value == null ? null : ByteBuffer.wrap(value));
            }
        } catch (SQLException e) {
            throw new ConnectException("Cannot read the relay offsets", e);
        }
    }

    @Override
    protected void save() {
        try (Connection connection = endpoint.connect("signet-relay-offsets")) {
            connection.setAutoCommit(false);
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into gateway.relay_offset (offset_key, offset_value, updated_at) values (?, ?, now())
                    on conflict (offset_key) do update set offset_value = excluded.offset_value, updated_at = now()""")) {
                for (Map.Entry<ByteBuffer, ByteBuffer> entry : data.entrySet()) {
                    upsert.setBytes(1, bytes(entry.getKey()));
                    upsert.setBytes(2, entry.getValue() == null ? null : bytes(entry.getValue()));
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            throw new ConnectException("Cannot store the relay offsets", e);
        }
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        // Only needed by Connect's REST API for listing offsets, which the embedded engine does not expose.
        return Set.of();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    private static String stringOrNull(Object value) {
        return value == null ? null : value.toString();
    }
}

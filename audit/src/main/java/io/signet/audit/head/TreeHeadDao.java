package io.signet.audit.head;

import io.signet.schemas.Base64Bytes;
import io.signet.schemas.audit.Sha256Hash;
import io.signet.schemas.audit.SignedTreeHead;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code audit.tree_head}: signed tree heads, one per tree size, append-only. */
@RegisterRowMapper(TreeHeadDao.Mapper.class)
public interface TreeHeadDao {

    /** Stores a head; false when one of that size exists (another instance made it). */
    @SqlUpdate("insert into tree_head (tree_size, root_hash, head_time, signature_algorithm, signature, key_id,"
            + " time_stamp_token) values (:size, :root, :time, :algorithm, :signature, :keyId, :tst)"
            + " on conflict (tree_size) do nothing")
    boolean insert(
            @Bind("size") long treeSize,
            @Bind("root") byte[] rootHash,
            @Bind("time") OffsetDateTime time,
            @Bind("algorithm") String signatureAlgorithm,
            @Bind("signature") byte[] signature,
            @Bind("keyId") byte[] keyId,
            @Bind("tst") byte[] timeStampToken);

    default boolean insert(SignedTreeHead head) {
        return insert(
                head.treeSize(),
                head.rootHash().bytes(),
                head.timestamp().atOffset(ZoneOffset.UTC),
                head.signatureAlgorithm(),
                head.signature().bytes(),
                head.keyId().bytes(),
                head.timeStampToken() == null ? null : head.timeStampToken().bytes());
    }

    @SqlQuery("select * from tree_head order by tree_size desc limit 1")
    Optional<SignedTreeHead> latest();

    @SqlQuery("select * from tree_head where tree_size = :size")
    Optional<SignedTreeHead> ofSize(@Bind("size") long treeSize);

    /** Reads a stored head as it is. */
    final class Mapper implements RowMapper<SignedTreeHead> {
        @Override
        public SignedTreeHead map(ResultSet rs, StatementContext ctx) throws SQLException {
            byte[] tst = rs.getBytes("time_stamp_token");
            return new SignedTreeHead(
                    rs.getLong("tree_size"),
                    new Sha256Hash(rs.getBytes("root_hash")),
                    rs.getObject("head_time", OffsetDateTime.class).toInstant(),
                    rs.getString("signature_algorithm"),
                    Base64Bytes.of(rs.getBytes("signature")),
                    new Sha256Hash(rs.getBytes("key_id")),
                    tst == null ? null : Base64Bytes.of(tst));
        }
    }
}

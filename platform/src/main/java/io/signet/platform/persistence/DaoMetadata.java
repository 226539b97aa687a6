package io.signet.platform.persistence;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.extension.ExtensionFactory;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.sqlobject.SqlObjectFactory;

/**
 * Builds Jdbi's extension metadata of DAO interfaces once, on the {@link Jdbi} itself. Jdbi caches that metadata in the
 * configuration it finds it in, which for {@code Handle.attach} is the handle's own copy: thrown away with the handle,
 * so without this every attach (one per Kafka batch or request) parsed the DAO's annotations again, about 5 % of the
 * warm pipeline's CPU in a profile. A handle's configuration is copied from the Jdbi's, so metadata built here is
 * found by every handle opened afterwards.
 */
public final class DaoMetadata {

    private DaoMetadata() {}

    /** Builds the metadata of {@code daos} on {@code jdbi}; call after plugins and mappers are installed. */
    public static Jdbi prepare(Jdbi jdbi, Class<?>... daos) {
        Extensions extensions = jdbi.getConfig(Extensions.class);
        ExtensionFactory factory = extensions
                .findFactory(SqlObjectFactory.class)
                .orElseThrow(() -> new IllegalStateException("the SqlObject plugin is not installed"));
        for (Class<?> dao : daos) {
            extensions.findMetadata(dao, factory);
        }
        return jdbi;
    }
}

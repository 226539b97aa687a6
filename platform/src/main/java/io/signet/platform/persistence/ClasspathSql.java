package io.signet.platform.persistence;

import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.extension.SimpleExtensionConfigurer;
import org.jdbi.v3.core.extension.annotation.UseExtensionConfigurer;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.sqlobject.SqlObjects;
import org.jdbi.v3.sqlobject.locator.SqlLocator;
import org.jdbi.v3.sqlobject.locator.SqlObjectClasspathSqlLocator;

/**
 * Like Jdbi's {@code @UseClasspathSqlLocator} (the SQL of a method is the resource named after the method, or after
 * the annotation's value, next to the DAO class, comments removed), but each statement is read from the class path
 * once per JVM. Jdbi's own annotation makes a new locator, with an empty cache, on every {@code Handle.attach}; with
 * one attach per batch that was 13 % of the whole pipeline's CPU in a profile, spent finding resources in the boot
 * jar.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@UseExtensionConfigurer(ClasspathSql.Configurer.class)
public @interface ClasspathSql {

    /** Installs the one shared, caching locator on the DAO's configuration. */
    final class Configurer extends SimpleExtensionConfigurer {

        private static final SqlLocator SHARED =
                new Cached(new SqlObjectClasspathSqlLocator(ClasspathSqlLocator.removingComments()));

        @Override
        public void configure(ConfigRegistry config, Annotation annotation, Class<?> sqlObjectType) {
            config.get(SqlObjects.class).setSqlLocator(SHARED);
        }
    }

    /** A locator that remembers what its delegate found, by method (a DAO method's SQL never changes). */
    record Cached(SqlLocator delegate, Map<Method, String> found) implements SqlLocator {

        Cached(SqlLocator delegate) {
            this(delegate, new ConcurrentHashMap<>());
        }

        @Override
        public String locate(Class<?> sqlObjectType, Method method, ConfigRegistry config) {
            String sql = found.get(method);
            if (sql == null) {
                sql = delegate.locate(sqlObjectType, method, config);
                found.put(method, sql);
            }
            return sql;
        }
    }
}

package io.signet.schemas;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Test access to the JSON Schemas (main resources) and golden fixtures (test resources) of each event type. */
final class Contracts {

    static final EventCodec CODEC = new EventCodec();

    // Format assertions are off by default in draft 2020-12; the contract tests want date-time, uuid etc. checked.
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private Contracts() {}

    static String fixtureResource(EventType<?> type) {
        return "/contracts/" + type.type() + ".json";
    }

    static byte[] goldenBytes(EventType<?> type) {
        return read(fixtureResource(type));
    }

    static ObjectNode goldenTree(EventType<?> type) {
        return (ObjectNode) CODEC.mapper().readTree(goldenBytes(type));
    }

    static Schema schema(EventType<?> type) {
        try (InputStream in = Contracts.class.getResourceAsStream(type.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("missing schema " + type.schemaResource());
            }
            return REGISTRY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Error> validate(EventType<?> type, JsonNode json) {
        return schema(type).validate(json);
    }

    static boolean exists(String resource) {
        return Contracts.class.getResource(resource) != null;
    }

    private static byte[] read(String resource) {
        try (InputStream in = Contracts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

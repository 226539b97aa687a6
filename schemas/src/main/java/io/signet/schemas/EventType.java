package io.signet.schemas;

import java.util.Objects;

/**
 * One versioned event type: its CloudEvents {@code type}, the topic it travels on and its payload record.
 *
 * @param type CloudEvents type, {@code <topic>.v<version>} (e.g. {@code signet.sign.requested.v1})
 * @param topic Kafka topic, one of {@link Topics#ALL}
 * @param payloadClass the record the JSON data maps to
 * @param <T> the payload record
 */
public record EventType<T extends SignetEvent>(String type, String topic, Class<T> payloadClass) {

    public EventType {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payloadClass, "payloadClass");
        if (!type.matches("[a-z.]+\\.v[1-9][0-9]*")) {
            throw new IllegalArgumentException("type must end in .v<version>: " + type);
        }
    }

    /** The version number after the last {@code .v}. */
    public int version() {
        return Integer.parseInt(type.substring(type.lastIndexOf(".v") + 2));
    }

    /** Classpath location of this type's JSON Schema (draft 2020-12). */
    public String schemaResource() {
        return "/schemas/" + type + ".json";
    }

    @Override
    public String toString() {
        return type;
    }
}

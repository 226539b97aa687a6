package io.signet.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Nothing forgotten: every topic has one event type, every event type a record, a schema and a golden file. */
class TopicsTest {

    static final java.util.List<String> topics = Topics.ALL;

    @ParameterizedTest
    @FieldSource("topics")
    void everyTopicHasExactlyOneEventTypeWithSchemaAndGoldenFile(String topic) {
        assertThat(EventTypes.onTopic(topic)).hasSize(1);
        EventType<?> type = EventTypes.onTopic(topic).getFirst();

        assertThat(type.type()).isEqualTo(topic + ".v" + type.version());
        assertThat(Contracts.exists(type.schemaResource()))
                .as(type.schemaResource())
                .isTrue();
        assertThat(Contracts.exists(Contracts.fixtureResource(type)))
                .as(Contracts.fixtureResource(type))
                .isTrue();
        assertThat(Contracts.schema(type).getSchemaNode().get("$id").asString()).endsWith(type.type());
    }

    @Test
    void everyEventTypeTravelsOnAKnownTopic() {
        assertThat(EventTypes.ALL).allSatisfy(type -> assertThat(Topics.ALL).contains(type.topic()));
        assertThat(EventTypes.ALL).extracting(EventType::type).doesNotHaveDuplicates();
    }

    @Test
    void everyEventRecordHasExactlyOneEventType() {
        assertThat(Arrays.asList(SignetEvent.class.getPermittedSubclasses()))
                .containsExactlyInAnyOrderElementsOf(EventTypes.ALL.stream()
                        .<Class<?>>map(EventType::payloadClass)
                        .toList());
        assertThat(EventTypes.forPayload(SignFailed.class)).isSameAs(EventTypes.SIGN_FAILED_V1);
    }

    @Test
    void lookupByTypeFindsKnownTypesOnly() {
        assertThat(EventTypes.byType("signet.key.destroyed.v1")).contains(EventTypes.KEY_DESTROYED_V1);
        assertThat(EventTypes.byType("signet.key.destroyed.v9")).isEmpty();
    }

    @Test
    void deadLetterTopicIsTheSourceTopicWithDltSuffix() {
        assertThat(Topics.dlt(Topics.SIGN_REQUESTED)).isEqualTo("signet.sign.requested.dlt");
    }
}

/**
 * Event contracts of Signet, shared by every service; no Spring, no persistence.
 *
 * <ul>
 *   <li>{@link io.signet.schemas.Topics}, {@link io.signet.schemas.Headers}: the only place for topic and header
 *       names.
 *   <li>{@link io.signet.schemas.EventTypes}: every versioned CloudEvents type with its topic and payload record
 *       (an {@link io.signet.schemas.EventType}).
 *   <li>One record per event payload, all implementing the sealed {@link io.signet.schemas.SignetEvent}; binary
 *       values as {@link io.signet.schemas.Base64Bytes}.
 *   <li>{@link io.signet.schemas.EventCodec}: the JSON encoding; {@link io.signet.schemas.KafkaCloudEvents}: Kafka
 *       records in CloudEvents 1.0 binary mode, read back as {@link io.signet.schemas.CloudEventEnvelope}.
 *   <li>JSON Schemas (draft 2020-12) on the classpath at {@code /schemas/<type>.json}.
 * </ul>
 */
package io.signet.schemas;

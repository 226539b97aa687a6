/** The embedded default's real backing components: PostgreSQL, a Kafka KRaft broker, SoftHSM2 tokens. */
package io.signet.embedded;

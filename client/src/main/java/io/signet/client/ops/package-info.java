/**
 * Ops commands of {@code signet}: dead-lettered callbacks listed and re-driven through the notifier's ops endpoints
 * ({@code /internal/ops/deliveries/…}, bearer ops token).
 */
package io.signet.client.ops;

/**
 * {@code signet bench}: drives the whole pipeline (RP, gateway, relay, sign-worker, cert-worker, notifier, callback)
 * at a target rate (open model) or a fixed concurrency (closed model), measures submit-to-verified-callback latency
 * and throughput, the raw HSM cycles of the same token, and writes a JSON report and a PNG chart.
 */
package io.signet.client.bench;

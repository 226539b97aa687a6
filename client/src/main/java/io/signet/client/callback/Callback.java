package io.signet.client.callback;

/**
 * A verified callback from Signet: the request is done, read its result with {@code SignetClient.status}.
 *
 * @param webhookId the delivery's id (the same on retries: use it to drop duplicates)
 * @param signatureId the request's id
 * @param nonce the request's nonce, or null
 * @param state the request's state, or null
 */
public record Callback(String webhookId, String signatureId, String nonce, String state) {}

package io.signet.client.cli;

import picocli.CommandLine.Option;

/** Connection options shared by the commands; each falls back to its environment variable, then the file. */
public final class ConnectionOptions {

    @Option(names = "--url", description = "the gateway, e.g. http://127.0.0.1:8080 (env SIGNET_URL)")
    String url;

    @Option(names = "--api-key", description = "the RP API key, sgk_… (env SIGNET_API_KEY)")
    String apiKey;

    @Option(names = "--signer-token", description = "the signer's ID token (env SIGNET_SIGNER_TOKEN)")
    String signerToken;

    @Option(
            names = "--ca",
            description = "Signet's CA certificates: URL (http://…/pki/ca.pem) or PEM file (env SIGNET_CA)")
    String ca;
}

package io.signet.client.sign;

import java.net.URI;
import java.util.Objects;

/**
 * Where and as whom to call Signet. {@link #toString()} leaves the credentials out.
 *
 * @param gatewayUrl the api-gateway, e.g. {@code http://127.0.0.1:8080}
 * @param apiKey the relying party's API key ({@code sgk_…}), sent as {@code Authorization: Bearer}
 * @param signerToken the signer's ID-provider JWT, sent as {@code X-GovStack-AuthenticationToken}
 */
public record SignetConnection(URI gatewayUrl, String apiKey, String signerToken) {

    public SignetConnection {
        Objects.requireNonNull(gatewayUrl, "gatewayUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(signerToken, "signerToken");
    }

    @Override
    public String toString() {
        return "SignetConnection[" + gatewayUrl + "]";
    }
}

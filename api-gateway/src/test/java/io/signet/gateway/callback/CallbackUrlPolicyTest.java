package io.signet.gateway.callback;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.gateway.auth.RpClient;
import io.signet.gateway.error.ApiException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallbackUrlPolicyTest {

    /** Fixed DNS answers; literals resolve to themselves as with the system resolver. */
    private static final Map<String, String> DNS = Map.of(
            "rp.example", "93.184.215.14",
            "internal.example", "10.1.2.3",
            "sneaky.example", "::ffff:192.168.1.1",
            "cgnat.example", "100.64.0.7",
            "ula.example", "fd00::1",
            "localhost", "127.0.0.1");

    private static final HostResolver FAKE = host -> {
        if (DNS.containsKey(host)) {
            return List.of(InetAddress.getByName(DNS.get(host)));
        }
        if (host.matches("[0-9.]+") || host.contains(":")) {
            return List.of(InetAddress.getByName(host));
        }
        throw new UnknownHostException(host);
    };

    private static final RpClient RP = new RpClient("rp", null, null, List.of(), null);

    private final CallbackUrlPolicy production = new CallbackUrlPolicy(FAKE, List.of(), false);

    @Test
    void publicHttpsUrlIsAccepted() {
        assertThatCode(() -> production.check("https://rp.example/callback?x=1", RP))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http://rp.example/cb|https",
                "ftp://rp.example/cb|https",
                "https://internal.example/cb|private",
                "https://10.0.0.1/cb|private",
                "https://172.20.1.1/cb|private",
                "https://192.168.0.10/cb|private",
                "https://127.0.0.1/cb|loopback",
                "https://localhost/cb|loopback",
                "https://[::1]/cb|loopback",
                "https://169.254.169.254/latest/meta-data|link-local",
                "https://[fe80::1]/cb|link-local",
                "https://224.0.0.1/cb|multicast",
                "https://0.0.0.0/cb|unspecified",
                "https://cgnat.example/cb|carrier-grade NAT",
                "https://ula.example/cb|unique local",
                "https://sneaky.example/cb|private",
                "https://nowhere.example/cb|does not resolve",
                "https://user:pw@rp.example/cb|credentials",
                "/relative/cb|absolute",
                "https://rp.example/a b|valid URL"
            })
    void unsafeCallbackUrlsAre422(String url, String reason) {
        assertThatThrownBy(() -> production.check(url, RP))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining(reason)
                .matches(e -> ((ApiException) e).status().value() == 422);
    }

    @Test
    void allowListByHostOrCidrOpensPrivateAddresses() {
        CallbackUrlPolicy policy = new CallbackUrlPolicy(FAKE, List.of("10.1.0.0/16"), false);
        assertThatCode(() -> policy.check("https://internal.example/cb", RP)).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check("https://10.2.0.1/cb", RP)).isInstanceOf(ApiException.class);
        RpClient withHost = new RpClient("rp", null, null, List.of("internal.example"), null);
        assertThatCode(() -> production.check("https://internal.example/cb", withHost))
                .doesNotThrowAnyException();
    }

    @Test
    void httpToLoopbackOnlyInTheDevProfile() {
        CallbackUrlPolicy dev = new CallbackUrlPolicy(FAKE, List.of(), true);
        assertThatCode(() -> dev.check("http://localhost:9000/cb", RP)).doesNotThrowAnyException();
        assertThatThrownBy(() -> dev.check("http://rp.example/cb", RP)).hasMessageContaining("https");
        assertThatThrownBy(() -> production.check("http://localhost:9000/cb", RP))
                .hasMessageContaining("https");
    }
}

package io.signet.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationGuardTest {

    private static final Map<String, String> DNS = Map.of(
            "public.example", "93.184.215.14",
            "metadata.example", "169.254.169.254",
            "mixed.example", "93.184.215.14,10.1.2.3",
            "intranet.example", "192.168.1.10");

    private static HostResolver fakeDns() {
        return host -> {
            String answer = DNS.get(host);
            if (answer == null) {
                throw new UnknownHostException(host);
            }
            List<InetAddress> addresses = new java.util.ArrayList<>();
            for (String address : answer.split(",")) {
                addresses.add(InetAddress.getByName(address));
            }
            return addresses;
        };
    }

    private final DestinationGuard strict = new DestinationGuard(fakeDns(), new CallbackProperties(List.of(), false));

    @Test
    void publicHttpsHostIsAllowedAndPinnedToTheCheckedAddress() throws Exception {
        var destination = strict.check(URI.create("https://public.example/cb?x=1"));

        assertThat(destination.address().getHostAddress()).isEqualTo("93.184.215.14");
        assertThat(destination.host()).isEqualTo("public.example");
        assertThat(destination.port()).isEqualTo(443);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://metadata.example/latest",
                "https://169.254.169.254/latest",
                "https://intranet.example/",
                "https://mixed.example/",
                "https://127.0.0.1/",
                "https://[::1]/",
                "https://0.0.0.0/",
                "https://10.0.0.1/",
                "https://172.16.5.4/",
                "https://100.64.0.1/",
                "https://224.0.0.1/",
                "https://[fd00::1]/",
                "https://[fe80::1]/",
                "https://[::ffff:127.0.0.1]/",
                "https://255.255.255.255/"
            })
    void nonPublicDestinationsAreRefused(String url) {
        assertThatThrownBy(() -> strict.check(URI.create(url))).isInstanceOf(RefusedDestinationException.class);
    }

    @Test
    void plainHttpIsRefusedUnlessAllowed() {
        assertThatThrownBy(() -> strict.check(URI.create("http://public.example/")))
                .isInstanceOf(RefusedDestinationException.class)
                .hasMessageContaining("scheme");
    }

    @Test
    void unknownHostIsRefused() {
        assertThatThrownBy(() -> strict.check(URI.create("https://nowhere.example/")))
                .isInstanceOf(RefusedDestinationException.class);
    }

    @Test
    void allowListedBlocksAndHostsPass() throws Exception {
        var lenient = new DestinationGuard(
                fakeDns(), new CallbackProperties(List.of("127.0.0.0/8", "::1", "intranet.example"), true));

        assertThat(lenient.check(URI.create("http://127.0.0.1:8080/cb")).port()).isEqualTo(8080);
        assertThat(lenient.check(URI.create("http://[::1]/cb")).address().isLoopbackAddress())
                .isTrue();
        assertThat(lenient.check(URI.create("https://intranet.example/"))
                        .address()
                        .getHostAddress())
                .isEqualTo("192.168.1.10");
        assertThatThrownBy(() -> lenient.check(URI.create("https://metadata.example/")))
                .isInstanceOf(RefusedDestinationException.class);
    }
}

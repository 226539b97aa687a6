package io.signet.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void freePortsAreDistinctAndBelowTheKernelsEphemeralRange() {
        int ephemeralStart = Ports.ephemeralRangeStart();
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = Ports.free();
            assertThat(port).isLessThan(ephemeralStart);
            ports.add(port);
        }
        assertThat(ports).hasSize(50);
    }

    @Test
    void theEphemeralRangeIsReadFromTheKernel() {
        // On Linux the kernel's value (32768 by default), not a truncated read of the procfs file.
        assertThat(Ports.ephemeralRangeStart()).isGreaterThan(1_024);
    }
}

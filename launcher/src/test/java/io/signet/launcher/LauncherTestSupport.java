package io.signet.launcher;

import io.signet.hsm.softhsm.SoftHsmConfig;
import java.nio.file.Path;

/** Launcher options for tests: free ports, SoftHSM2's configuration where the build's SOFTHSM2_CONF points. */
final class LauncherTestSupport {

    private LauncherTestSupport() {}

    static Path softHsmConf() {
        return SoftHsmConfig.confFileFromEnvironment()
                .orElseThrow(() -> new IllegalStateException("SOFTHSM2_CONF is not set; run the tests through Maven"));
    }

    static LaunchOptions options(Path dataDir) {
        return LaunchOptions.in(dataDir).withFreePorts().withSoftHsmConf(softHsmConf());
    }
}

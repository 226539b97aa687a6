package io.signet.embedded;

import io.signet.hsm.softhsm.SoftHsmConfig;
import java.nio.file.Path;

/** Options for stacks in tests: SoftHSM2's configuration at the path the build exports as SOFTHSM2_CONF. */
final class StackTestSupport {

    private StackTestSupport() {}

    static StackOptions options(Path dataDir) {
        Path conf = SoftHsmConfig.confFileFromEnvironment()
                .orElseThrow(() -> new IllegalStateException("SOFTHSM2_CONF is not set; run the tests through Maven"));
        return StackOptions.in(dataDir).withSoftHsmConf(conf).withShutdownHook(false);
    }
}

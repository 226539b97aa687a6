package io.signet.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.signet.hsm.internal.ModuleRegistry;
import io.signet.hsm.internal.PooledSession;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

class SharedModuleAndPoolIT {

    @Test
    void signAndCaTokensShareOneModuleInOneJvm() throws Exception {
        Path module = SoftHsmTestTokens.ensure();
        int before = ModuleRegistry.leaseCount(module);
        try (Pkcs11Token sign = Pkcs11Token.open(SoftHsmTestTokens.config(SoftHsmTestTokens.SIGN_TOKEN))) {
            try (Pkcs11Token ca = Pkcs11Token.open(SoftHsmTestTokens.config(SoftHsmTestTokens.CA_TOKEN))) {
                assertThat(ModuleRegistry.leaseCount(module)).isEqualTo(before + 2);
                assertSigns(sign);
                assertSigns(ca);
            }
            // Closing the CA token must not finalise the module under the sign token.
            assertThat(ModuleRegistry.leaseCount(module)).isEqualTo(before + 1);
            assertSigns(sign);
            assertThat(sign.healthy()).isTrue();
        }
        assertThat(ModuleRegistry.leaseCount(module)).isEqualTo(before);
    }

    @Test
    void exhaustedPoolTimesOutWithRetryableHsmBusy() throws Exception {
        HsmConfig config = SoftHsmTestTokens.config(SoftHsmTestTokens.SIGN_TOKEN)
                .withSessionPoolSize(1)
                .withBorrowTimeout(Duration.ofMillis(100));
        try (Pkcs11Token token = Pkcs11Token.open(config)) {
            PooledSession held = token.sessionPool().borrow();
            try {
                HsmException e =
                        catchThrowableOfType(HsmException.class, () -> token.generateEphemeral(KeyAlgorithm.EC_P256));

                assertThat(e.code()).isEqualTo(HsmErrorCode.HSM_BUSY);
                assertThat(e.retryable()).isTrue();
                assertThat(token.poolStats().borrowTimeouts()).isEqualTo(1);
                assertThat(token.poolStats().borrowedSessions()).isEqualTo(1);
            } finally {
                token.sessionPool().release(held);
            }
            assertSigns(token);
        }
    }

    @Test
    void concurrentCyclesLeaveNoEphemeralObjectsBehind() throws Exception {
        HsmConfig config =
                SoftHsmTestTokens.config(SoftHsmTestTokens.SIGN_TOKEN).withSessionPoolSize(2);
        try (Pkcs11Token token = Pkcs11Token.open(config)) {
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    results.add(threads.submit(() -> {
                        for (int i = 0; i < 10; i++) {
                            assertSigns(token);
                        }
                        return 10;
                    }));
                }
                for (Future<Integer> result : results) {
                    assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(10);
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(token.poolStats().openSessions()).isLessThanOrEqualTo(2);
            assertThat(token.poolStats().liveEphemeralKeys()).isZero();
            assertThat(token.listObjects()).noneMatch(o -> KeyStoreToken.EPHEMERAL_LABEL.equals(o.label()));
        }
    }

    @Test
    void closeUnderLoadWaitsForRunningOperationsThenRefusesEveryNewOne() throws Exception {
        Path module = SoftHsmTestTokens.ensure();
        int before = ModuleRegistry.leaseCount(module);
        Pkcs11Token token = Pkcs11Token.open(
                SoftHsmTestTokens.config(SoftHsmTestTokens.SIGN_TOKEN).withSessionPoolSize(5));
        ExecutorService threads = Executors.newFixedThreadPool(5);
        try {
            List<Future<HsmErrorCode>> cycles = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                cycles.add(threads.submit(() -> {
                    while (true) {
                        try {
                            assertSigns(token);
                        } catch (HsmException e) {
                            return e.code();
                        }
                    }
                }));
            }
            // An RSA-3072 key takes SoftHSM2 a good fraction of a second: close() comes while it is being made.
            Future<KeyHandle> slow = threads.submit(() -> token.generateEphemeral(KeyAlgorithm.RSA_3072));
            Thread.sleep(50);

            // Finalising the module under running operations would crash this JVM or fail them; close waits instead.
            token.close();

            assertThat(slow).isDone();
            assertThat(slow.get().algorithm()).isEqualTo(KeyAlgorithm.RSA_3072);
            for (Future<HsmErrorCode> end : cycles) {
                assertThat(end.get(60, TimeUnit.SECONDS)).isEqualTo(HsmErrorCode.CLOSED);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(ModuleRegistry.leaseCount(module))
                .as("the module was released once the running operations ended")
                .isEqualTo(before);
        HsmException afterClose =
                catchThrowableOfType(HsmException.class, () -> token.generateEphemeral(KeyAlgorithm.EC_P256));
        assertThat(afterClose.code()).isEqualTo(HsmErrorCode.CLOSED);
    }

    /** One generate + sign + verify + destroy cycle with an ephemeral P-256 key. */
    private static void assertSigns(KeyStoreToken token) throws Exception {
        KeyHandle key = token.generateEphemeral(KeyAlgorithm.EC_P256);
        try {
            byte[] message = ("hello from " + token.tokenLabel()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] signature = token.sign(
                    key,
                    SignatureAlgorithm.ECDSA_SHA256,
                    MessageDigest.getInstance("SHA-256").digest(message));
            Signature verifier = Signature.getInstance("SHA256withECDSA", new BouncyCastleProvider());
            verifier.initVerify(key.publicKey());
            verifier.update(message);
            assertThat(verifier.verify(signature)).isTrue();
        } finally {
            token.destroy(key);
        }
    }
}

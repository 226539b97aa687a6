package io.signet.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.signet.hsm.internal.ModuleLease;
import io.signet.hsm.internal.ModuleRegistry;
import io.signet.hsm.internal.SlotFinder;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.UUID;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;

/** Sessions and logins broken behind the pool's back, the way an HSM restart or an operator would break them. */
class RecoveryIT {

    @Test
    void allSessionsClosedBehindThePoolsBackThenTheNextSignStillWorks() throws Exception {
        String label = SoftHsmTestTokens.freshToken();
        try (Pkcs11Token token = Pkcs11Token.open(SoftHsmTestTokens.config(label))) {
            KeyHandle longTerm = token.generateLongTerm("recovery-" + UUID.randomUUID(), KeyAlgorithm.EC_P256);
            KeyHandle ephemeral = token.generateEphemeral(KeyAlgorithm.EC_P256);
            warmUpSessions(token, longTerm);

            closeAllSessions(label);

            byte[] digest = sha256("after the outage");
            byte[] signature = token.sign(longTerm, SignatureAlgorithm.ECDSA_SHA256, digest);
            assertThat(verifies(longTerm, "after the outage", signature)).isTrue();
            assertThat(token.healthy()).isTrue();
            assertThat(token.poolStats().sessionsDiscarded()).isPositive();

            // The ephemeral key died with its session: it is reported missing, and destroying it is harmless.
            HsmException lost = catchThrowableOfType(
                    HsmException.class, () -> token.sign(ephemeral, SignatureAlgorithm.ECDSA_SHA256, digest));
            assertThat(lost.code()).isEqualTo(HsmErrorCode.KEY_NOT_FOUND);
            token.destroy(ephemeral);
            assertThat(token.poolStats().liveEphemeralKeys()).isZero();
            assertThat(token.listObjects()).noneMatch(o -> ephemeral.id().equals(o.id()));

            token.destroy(longTerm);
        }
    }

    @Test
    void loginLostBehindThePoolsBackIsRestoredAndLongTermKeysKeepWorking() throws Exception {
        String label = SoftHsmTestTokens.freshToken();
        try (Pkcs11Token token = Pkcs11Token.open(SoftHsmTestTokens.config(label))) {
            KeyHandle longTerm = token.generateLongTerm("relogin-" + UUID.randomUUID(), KeyAlgorithm.EC_P256);
            KeyHandle ephemeral = token.generateEphemeral(KeyAlgorithm.EC_P256);

            logoutBehindTheBack(label);

            // PKCS#11 invalidates handles of private objects at logout: the token logs in again and finds the key anew.
            byte[] signature = token.sign(longTerm, SignatureAlgorithm.ECDSA_SHA256, sha256("still here"));
            assertThat(verifies(longTerm, "still here", signature)).isTrue();
            assertThat(token.healthy()).isTrue();
            // Logout also destroys private session objects, so the ephemeral key is reported gone.
            HsmException lost = catchThrowableOfType(
                    HsmException.class,
                    () -> token.sign(ephemeral, SignatureAlgorithm.ECDSA_SHA256, sha256("still here")));
            assertThat(lost.code()).isEqualTo(HsmErrorCode.KEY_NOT_FOUND);
            assertThat(token.poolStats().liveEphemeralKeys()).isZero();

            token.destroy(longTerm);
            assertThat(token.findLongTerm(longTerm.label())).isEmpty();
        }
    }

    @Test
    void rejectedPinMakesHealthFalseAndIsNotRetriedAgainstTheToken() throws Exception {
        String label = SoftHsmTestTokens.freshToken();
        try (Pkcs11Token token = Pkcs11Token.open(SoftHsmTestTokens.config(label))) {
            KeyHandle key = token.generateLongTerm("health-" + UUID.randomUUID(), KeyAlgorithm.EC_P256);
            assertThat(token.healthy()).isTrue();

            changeUserPin(label, SoftHsmTestTokens.USER_PIN, "changed-behind-the-back");
            closeAllSessions(label);

            assertThat(token.healthy()).isFalse();
            HsmException e = catchThrowableOfType(
                    HsmException.class, () -> token.sign(key, SignatureAlgorithm.ECDSA_SHA256, sha256("x")));
            assertThat(e.code()).isEqualTo(HsmErrorCode.PIN_INCORRECT);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage())
                    .startsWith("login to token '" + label + "' failed: CKR_PIN_INCORRECT")
                    .doesNotContain(SoftHsmTestTokens.USER_PIN);

            // Even with the old PIN valid again the token is not asked again: on a real HSM every wrong try counts
            // towards locking the PIN. Only a new open (a restart) logs in again.
            changeUserPin(label, "changed-behind-the-back", SoftHsmTestTokens.USER_PIN);
            assertThat(token.healthy()).isFalse();
            try (Pkcs11Token restarted = Pkcs11Token.open(SoftHsmTestTokens.config(label))) {
                assertThat(restarted.healthy()).isTrue();
                KeyHandle again = restarted.findLongTerm(key.label()).orElseThrow();
                byte[] signature = restarted.sign(again, SignatureAlgorithm.ECDSA_SHA256, sha256("back"));
                assertThat(verifies(again, "back", signature)).isTrue();
                restarted.destroy(again);
            }
        }
    }

    /** Makes the pool open more than one session, so recovery has to deal with several dead ones. */
    private static void warmUpSessions(Pkcs11Token token, KeyHandle key) throws Exception {
        var pool = token.sessionPool();
        var first = pool.borrow();
        var second = pool.borrow();
        pool.release(first);
        pool.release(second);
        assertThat(token.poolStats().openSessions()).isGreaterThanOrEqualTo(2);
        token.sign(key, SignatureAlgorithm.ECDSA_SHA256, sha256("warm"));
    }

    private static void closeAllSessions(String label) throws Exception {
        try (ModuleLease lease = ModuleRegistry.acquire(SoftHsmTestTokens.ensure())) {
            Slot slot = SlotFinder.byLabel(lease.module(), label).orElseThrow();
            lease.module().getPKCS11Module().C_CloseAllSessions(slot.getSlotID());
        }
    }

    private static void logoutBehindTheBack(String label) throws Exception {
        try (ModuleLease lease = ModuleRegistry.acquire(SoftHsmTestTokens.ensure())) {
            Slot slot = SlotFinder.byLabel(lease.module(), label).orElseThrow();
            Session session = slot.getToken().openSession(false);
            try {
                session.logout(); // login state is per token and application: this logs the pool out too
            } finally {
                session.closeSession();
            }
        }
    }

    private static void changeUserPin(String label, String oldPin, String newPin) throws Exception {
        try (ModuleLease lease = ModuleRegistry.acquire(SoftHsmTestTokens.ensure())) {
            Slot slot = SlotFinder.byLabel(lease.module(), label).orElseThrow();
            Session session = slot.getToken().openSession(true);
            try {
                try {
                    session.login(PKCS11Constants.CKU_USER, oldPin.toCharArray());
                } catch (PKCS11Exception e) {
                    // the token under test is logged in already (login state is shared in the process)
                    assertThat(e.getErrorCode()).isEqualTo(PKCS11Constants.CKR_USER_ALREADY_LOGGED_IN);
                }
                session.setPIN(oldPin.toCharArray(), newPin.toCharArray());
            } finally {
                session.closeSession();
            }
        }
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static boolean verifies(KeyHandle key, String text, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA", new BouncyCastleProvider());
        verifier.initVerify(key.publicKey());
        verifier.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return verifier.verify(signature);
    }
}

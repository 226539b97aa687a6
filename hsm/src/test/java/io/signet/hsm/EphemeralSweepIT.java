package io.signet.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Destroying objects found by {@link KeyStoreToken#listObjects()} on SoftHSM, as the sign-worker's start-up sweep does
 * with ephemeral keys an earlier token instance of the same process left behind.
 */
class EphemeralSweepIT {

    @Test
    void orphanEphemeralKeysOfAnotherInstanceAreDestroyedAndTheirKeyNoLongerSigns() {
        String label = SoftHsmTestTokens.freshToken();
        try (Pkcs11Token earlier = Pkcs11Token.open(SoftHsmTestTokens.config(label));
                Pkcs11Token sweeper = Pkcs11Token.open(SoftHsmTestTokens.config(label))) {
            KeyHandle orphan = earlier.generateEphemeral(KeyAlgorithm.EC_P256);
            KeyHandle other = earlier.generateEphemeral(KeyAlgorithm.RSA_3072);

            List<TokenObject> found = ephemeral(sweeper);
            assertThat(found).hasSize(4); // private and public object of each pair
            assertThat(found).allSatisfy(o -> assertThat(sweeper.destroy(o)).isTrue());

            assertThat(ephemeral(sweeper)).isEmpty();
            assertThat(ephemeral(earlier)).isEmpty();
            assertThatThrownBy(() -> earlier.sign(orphan, SignatureAlgorithm.ECDSA_SHA256, new byte[32]))
                    .isInstanceOf(HsmException.class);
            // Destroying what is already gone is a no-op, and the owner's own destroy still succeeds.
            assertThat(sweeper.destroy(found.getFirst())).isFalse();
            earlier.destroy(other);
        }
    }

    @Test
    void aLiveKeyOfTheSameInstanceIsLeftAloneAndTokenObjectsAreRefused() {
        String label = SoftHsmTestTokens.freshToken();
        try (Pkcs11Token token = Pkcs11Token.open(SoftHsmTestTokens.config(label))) {
            KeyHandle live = token.generateEphemeral(KeyAlgorithm.EC_P256);
            KeyHandle longTerm = token.generateLongTerm("sweep-long-term", KeyAlgorithm.EC_P256);

            TokenObject livePrivate = token.listObjects().stream()
                    .filter(o -> o.handle() == live.privateKeyHandle())
                    .findFirst()
                    .orElseThrow();
            TokenObject persistent = token.listObjects().stream()
                    .filter(TokenObject::persistent)
                    .findFirst()
                    .orElseThrow();

            assertThat(token.destroy(livePrivate)).isFalse();
            assertThat(token.sign(live, SignatureAlgorithm.ECDSA_SHA256, new byte[32]))
                    .isNotEmpty();
            assertThatThrownBy(() -> token.destroy(persistent))
                    .isInstanceOf(HsmException.class)
                    .extracting(e -> ((HsmException) e).code())
                    .isEqualTo(HsmErrorCode.INVALID_ARGUMENT);
            assertThat(token.findLongTerm("sweep-long-term")).isPresent();
            token.destroy(live);
            token.destroy(longTerm);
        }
    }

    private static List<TokenObject> ephemeral(KeyStoreToken token) {
        return token.listObjects().stream()
                .filter(o -> !o.persistent() && KeyStoreToken.EPHEMERAL_LABEL.equals(o.label()))
                .toList();
    }
}

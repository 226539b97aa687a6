package io.signet.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.hsm.internal.ModuleLease;
import io.signet.hsm.internal.ModuleRegistry;
import io.signet.hsm.internal.SlotFinder;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;

class TokenInitializerIT {

    private static Path module;

    @BeforeAll
    static void tokens() {
        module = SoftHsmTestTokens.ensure();
    }

    @Test
    void signAndCaTokensExistAndAcceptTheUserPin() throws Exception {
        assertUserLoginWorks(SoftHsmTestTokens.SIGN_TOKEN, SoftHsmTestTokens.USER_PIN);
        assertUserLoginWorks(SoftHsmTestTokens.CA_TOKEN, SoftHsmTestTokens.USER_PIN);
    }

    @Test
    void twoNewTokensInARowAreInitialisedAndUsableInTheSameJvm() throws Exception {
        // Fresh labels each run, so C_InitToken really runs even when target/ still holds older tokens.
        String first = "it-" + UUID.randomUUID().toString().substring(0, 8);
        String second = "it-" + UUID.randomUUID().toString().substring(0, 8);

        TokenInitializer.ensureToken(module, first, "so-1".toCharArray(), "user-1".toCharArray());
        TokenInitializer.ensureToken(module, second, "so-2".toCharArray(), "user-2".toCharArray());

        assertUserLoginWorks(first, "user-1");
        assertUserLoginWorks(second, "user-2");
    }

    @Test
    void existingTokenIsLeftAloneEvenWithOtherPins() throws Exception {
        TokenInitializer.ensureToken(
                module, SoftHsmTestTokens.SIGN_TOKEN, "other-so".toCharArray(), "other-user".toCharArray());

        assertUserLoginWorks(SoftHsmTestTokens.SIGN_TOKEN, SoftHsmTestTokens.USER_PIN);
    }

    @Test
    void moduleStaysInitialisedForOtherLeaseHoldersDuringInitialisation() throws Exception {
        try (ModuleLease held = ModuleRegistry.acquire(module)) {
            Slot slot = SlotFinder.byLabel(held.module(), SoftHsmTestTokens.CA_TOKEN)
                    .orElseThrow();
            Session session = slot.getToken().openSession(false);
            try {
                TokenInitializer.ensureToken(
                        module,
                        "it-" + UUID.randomUUID().toString().substring(0, 8),
                        "so-3".toCharArray(),
                        "user-3".toCharArray());
                // The session opened before is still valid: nobody finalised the module under us.
                assertThat(session.getSessionInfo()).isNotNull();
            } finally {
                session.closeSession();
            }
        }
    }

    @Test
    void missingModuleIsReportedInOneLine() {
        assertThatThrownBy(() -> TokenInitializer.ensureToken(
                        Path.of("/nonexistent/libnothing.so"), "x", "a".toCharArray(), "b".toCharArray()))
                .isInstanceOf(HsmException.class)
                .hasMessage("PKCS#11 module not found: /nonexistent/libnothing.so")
                .extracting(e -> ((HsmException) e).code())
                .isEqualTo(HsmErrorCode.MODULE_NOT_FOUND);
    }

    @Test
    void tooLongLabelIsRejectedBeforeTouchingTheToken() {
        assertThatThrownBy(() ->
                        TokenInitializer.ensureToken(module, "x".repeat(33), "a".toCharArray(), "b".toCharArray()))
                .isInstanceOf(HsmException.class)
                .extracting(e -> ((HsmException) e).code())
                .isEqualTo(HsmErrorCode.INVALID_ARGUMENT);
    }

    private static void assertUserLoginWorks(String label, String userPin) throws PKCS11Exception {
        try (ModuleLease lease = ModuleRegistry.acquire(module)) {
            Slot slot = SlotFinder.byLabel(lease.module(), label).orElseThrow();
            assertThat(slot.getToken().getTokenInfo().getLabel().strip()).isEqualTo(label);
            Session session = slot.getToken().openSession(false);
            try {
                session.login(PKCS11Constants.CKU_USER, userPin.toCharArray());
                session.logout();
            } finally {
                session.closeSession();
            }
        }
    }
}

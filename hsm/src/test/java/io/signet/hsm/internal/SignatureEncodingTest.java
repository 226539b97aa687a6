package io.signet.hsm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.hsm.DigestAlgorithm;
import java.math.BigInteger;
import java.util.HexFormat;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.junit.jupiter.api.Test;

class SignatureEncodingTest {

    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    @Test
    void plainEcdsaBecomesTheSameDerAsBouncyCastleWrites() throws Exception {
        // r with the high bit set (needs a leading zero in DER), s with leading zero bytes (must be stripped)
        BigInteger r = new BigInteger("F1" + "11".repeat(31), 16);
        BigInteger s = new BigInteger("00000123" + "45".repeat(28), 16);
        byte[] plain = PlainDSAEncoding.INSTANCE.encode(P256_ORDER, r, s);

        byte[] der = SignatureEncoding.ecdsaPlainToDer(plain);

        assertThat(der).isEqualTo(StandardDSAEncoding.INSTANCE.encode(P256_ORDER, r, s));
        BigInteger[] decoded = StandardDSAEncoding.INSTANCE.decode(P256_ORDER, der);
        assertThat(decoded).containsExactly(r, s);
    }

    @Test
    void digestInfoForSha256HasTheRfc8017Prefix() {
        byte[] digest = new byte[32];

        byte[] info = SignatureEncoding.digestInfo(DigestAlgorithm.SHA256, digest);

        assertThat(HexFormat.of().formatHex(info))
                .isEqualTo("3031300d060960864801650304020105000420" + "00".repeat(32));
    }
}

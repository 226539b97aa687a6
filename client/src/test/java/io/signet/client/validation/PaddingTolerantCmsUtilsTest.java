package io.signet.client.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.europa.esig.dss.cms.CMSUtils;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.junit.jupiter.api.Test;

class PaddingTolerantCmsUtilsTest {

    @Test
    void dssReadsACmsFollowedByThePdfContentsZeroPadding() throws Exception {
        byte[] cms = new CMSSignedDataGenerator()
                .generate(new CMSProcessableByteArray("content".getBytes(StandardCharsets.UTF_8)), false)
                .getEncoded();
        byte[] padded = Arrays.copyOf(cms, cms.length + 4096);
        // What the workaround is for: BouncyCastle refuses the padding.
        assertThatThrownBy(() -> new CMSSignedData(padded)).isInstanceOf(CMSException.class);

        // DSS finds this implementation first (META-INF/services) and reads the CMS.
        assertThat(CMSUtils.parseToCMS(padded)).isNotNull();
        assertThat(PaddingTolerantCmsUtils.withoutPadding(padded)).isEqualTo(cms);
    }

    @Test
    void leavesWhatIsNotADerSequenceAlone() {
        byte[] garbage = "this is not a CMS".getBytes(StandardCharsets.US_ASCII);
        assertThat(PaddingTolerantCmsUtils.withoutPadding(garbage)).isSameAs(garbage);
        byte[] truncated = {0x30, (byte) 0x82, 0x10, 0x00, 0x01};
        assertThat(PaddingTolerantCmsUtils.withoutPadding(truncated)).isSameAs(truncated);
    }
}

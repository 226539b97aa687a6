package io.signet.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExternalDatabaseTest {

    @Test
    void passwordNeverAppearsInTextForms() {
        ExternalDatabase db =
                new ExternalDatabase("jdbc:postgresql://db:5432/signet?password=s3cret&ssl=true", "signet", "s3cret");

        assertThat(db.toString()).doesNotContain("s3cret");
        assertThat(db.safeUrl()).isEqualTo("jdbc:postgresql://db:5432/signet?password=<hidden>&ssl=true");
    }
}

package io.signet.certworker.ca;

import java.time.Instant;
import org.bouncycastle.cert.X509CertificateHolder;

/** A complete in-memory CA hierarchy for unit tests. */
public record TestPki(
        CaProperties properties,
        CaKey rootKey,
        X509CertificateHolder root,
        CaKey issuingKey,
        X509CertificateHolder issuing,
        CaKey tsaKey,
        X509CertificateHolder tsa,
        CaKey ocspKey,
        X509CertificateHolder ocsp) {

    public static TestPki create() {
        CaProperties properties = CaProperties.defaults();
        CaCertificates profiles = new CaCertificates(properties);
        Instant now = Instant.now();
        CaKey rootKey = InMemoryCaKeyStore.key("root", CaKeyType.EC_P384);
        CaKey issuingKey = InMemoryCaKeyStore.key("issuing", CaKeyType.EC_P256);
        CaKey tsaKey = InMemoryCaKeyStore.key("tsa", CaKeyType.EC_P256);
        CaKey ocspKey = InMemoryCaKeyStore.key("ocsp", CaKeyType.EC_P256);
        X509CertificateHolder root = profiles.root(rootKey, now);
        X509CertificateHolder issuing = profiles.issuing(root, rootKey, issuingKey.publicKey(), now);
        return new TestPki(
                properties,
                rootKey,
                root,
                issuingKey,
                issuing,
                tsaKey,
                profiles.tsa(issuing, issuingKey, tsaKey.publicKey(), now),
                ocspKey,
                profiles.ocspSigner(issuing, issuingKey, ocspKey.publicKey(), now));
    }

    public CaMaterial material() {
        return new CaMaterial(rootKey, root, issuingKey, issuing, tsaKey, tsa, ocspKey, ocsp);
    }
}

package io.signet.certworker.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the CA hierarchy on first start and loads it on every later one. Idempotent and safe when several
 * instances start at once: the whole check-and-create runs in one transaction holding a PostgreSQL advisory lock, so
 * the second instance waits and then finds what the first one stored. A key that exists in the HSM without its
 * certificate row (a crash between the two) is reused rather than duplicated.
 */
public final class CaBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(CaBootstrap.class);

    private final Jdbi jdbi;
    private final CaKeyStore keys;
    private final CaProperties properties;
    private final CaCertificates profiles;
    private final Clock clock;

    public CaBootstrap(Jdbi jdbi, CaKeyStore keys, CaProperties properties, Clock clock) {
        this.jdbi = jdbi;
        this.keys = keys;
        this.properties = properties;
        this.profiles = new CaCertificates(properties);
        this.clock = clock;
    }

    public CaMaterial loadOrCreate() {
        return jdbi.inTransaction(this::loadOrCreate);
    }

    private CaMaterial loadOrCreate(Handle handle) {
        CaDao dao = handle.attach(CaDao.class);
        dao.lockForBootstrap();
        Map<CaRole, CaRow> rows = new EnumMap<>(CaRole.class);
        dao.all().forEach(row -> rows.put(row.role(), row));

        CaKey rootKey = key(CaRole.ROOT, rows, properties.rootKeyType());
        X509CertificateHolder root =
                certificate(CaRole.ROOT, rows, dao, rootKey, () -> profiles.root(rootKey, clock.instant()));
        CaKey issuingKey = key(CaRole.ISSUING, rows, properties.issuingKeyType());
        X509CertificateHolder issuing = certificate(
                CaRole.ISSUING,
                rows,
                dao,
                issuingKey,
                () -> profiles.issuing(root, rootKey, issuingKey.publicKey(), clock.instant()));
        CaKey tsaKey = key(CaRole.TSA, rows, properties.serviceKeyType());
        X509CertificateHolder tsa = certificate(
                CaRole.TSA,
                rows,
                dao,
                tsaKey,
                () -> profiles.tsa(issuing, issuingKey, tsaKey.publicKey(), clock.instant()));
        CaKey ocspKey = key(CaRole.OCSP, rows, properties.serviceKeyType());
        X509CertificateHolder ocsp = certificate(
                CaRole.OCSP,
                rows,
                dao,
                ocspKey,
                () -> profiles.ocspSigner(issuing, issuingKey, ocspKey.publicKey(), clock.instant()));
        return new CaMaterial(rootKey, root, issuingKey, issuing, tsaKey, tsa, ocspKey, ocsp);
    }

    private CaKey key(CaRole role, Map<CaRole, CaRow> rows, CaKeyType type) {
        CaRow row = rows.get(role);
        if (row != null) {
            return keys.find(row.keyLabel())
                    .orElseThrow(() -> new IllegalStateException("CA key '" + row.keyLabel() + "' of role " + role
                            + " is recorded in certs.ca but missing from the HSM token"));
        }
        String label = properties.keyLabelPrefix() + role.name().toLowerCase(Locale.ROOT);
        return keys.find(label).orElseGet(() -> {
            LOG.info("generating CA key '{}' ({}) in the HSM", label, type);
            return keys.generate(label, type);
        });
    }

    private X509CertificateHolder certificate(
            CaRole role, Map<CaRole, CaRow> rows, CaDao dao, CaKey key, Supplier<X509CertificateHolder> create) {
        CaRow row = rows.get(role);
        try {
            if (row != null) {
                X509CertificateHolder stored = new X509CertificateHolder(row.certificate());
                if (!stored.getSubjectPublicKeyInfo()
                        .equals(SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded()))) {
                    throw new IllegalStateException("CA certificate of role " + role + " does not match its HSM key");
                }
                return stored;
            }
            X509CertificateHolder created = create.get();
            dao.insert(new CaRow(role, key.label(), created.getEncoded()));
            LOG.info(
                    "created CA certificate {} serial {} subject '{}'",
                    role,
                    created.getSerialNumber().toString(16),
                    created.getSubject());
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.signet.certworker.ca;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.certworker.Openssl;
import io.signet.certworker.TestStack;
import io.signet.hsm.TokenObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;

class CaBootstrapIT {

    private final TestStack stack = TestStack.get();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void publishedChainVerifiesWithOpensslAndKeysAreTokenObjectsInTheCaToken() throws Exception {
        String chain = get("/pki/ca.pem");
        String root = get("/pki/root.pem");
        assertThat(chain).contains("BEGIN CERTIFICATE").endsWith(root.substring(root.indexOf("-----BEGIN")));
        Path rootFile = write("root.pem", root);
        Path chainFile = write("chain.pem", chain);
        CaMaterial ca = stack.bean(CaMaterial.class);
        Path tsa = write("tsa.pem", CaMaterial.pem(List.of(ca.tsa())));
        Path ocsp = write("ocsp.pem", CaMaterial.pem(List.of(ca.ocsp())));

        for (Path leaf : List.of(tsa, ocsp)) {
            Openssl.Result verify = Openssl.run(
                    "verify", "-CAfile", rootFile.toString(), "-untrusted", chainFile.toString(), leaf.toString());
            assertThat(verify.exitCode()).as(verify.output()).isZero();
        }
        Openssl.Result tsaText = Openssl.run("x509", "-in", tsa.toString(), "-noout", "-text");
        assertThat(tsaText.output()).containsPattern("X509v3 Extended Key Usage: critical\\s+Time Stamping\\s");
        Openssl.Result ocspText = Openssl.run("x509", "-in", ocsp.toString(), "-noout", "-text");
        assertThat(ocspText.output()).contains("OCSP Signing").contains("OCSP No Check");
        Openssl.Result rootText = Openssl.run("x509", "-in", rootFile.toString(), "-noout", "-text");
        assertThat(rootText.output()).contains("NIST CURVE: P-384").contains("CA:TRUE");

        List<TokenObject> objects = stack.token.listObjects();
        for (String role : List.of("root", "issuing", "tsa", "ocsp")) {
            assertThat(objects)
                    .filteredOn(o -> ("signet-ca-" + role).equals(o.label())
                            && o.objectClass().equals("CKO_PRIVATE_KEY"))
                    .singleElement()
                    .satisfies(o -> assertThat(o.persistent()).isTrue());
        }
    }

    @Test
    void restartReusesTheStoredHierarchy() {
        CaMaterial running = stack.bean(CaMaterial.class);
        CaMaterial again = new CaBootstrap(
                        stack.bean(Jdbi.class),
                        new HsmCaKeyStore(stack.token),
                        stack.bean(CaProperties.class),
                        Clock.systemUTC())
                .loadOrCreate();
        assertThat(again.root()).isEqualTo(running.root());
        assertThat(again.issuing()).isEqualTo(running.issuing());
        assertThat(again.tsa()).isEqualTo(running.tsa());
        assertThat(again.ocsp()).isEqualTo(running.ocsp());
    }

    @Test
    void twoInstancesBootstrappingAnEmptyDatabaseAtOnceCreateOneHierarchy() throws Exception {
        var postgres = stack.stack.postgres().orElseThrow();
        String database = "race_" + System.nanoTime();
        try (Connection connection = postgres.superuserConnection()) {
            connection.createStatement().execute("create database " + database + " owner " + postgres.username());
        }
        String url = postgres.jdbcUrl().replace("/" + "signet", "/" + database);
        Flyway.configure()
                .dataSource(url, postgres.username(), postgres.password())
                .schemas("certs")
                .defaultSchema("certs")
                .locations("classpath:db/migration/certs")
                .load()
                .migrate();
        Jdbi jdbi = Jdbi.create(
                        url + (url.contains("?") ? "&" : "?") + "currentSchema=certs",
                        postgres.username(),
                        postgres.password())
                .installPlugin(new SqlObjectPlugin())
                .installPlugin(new PostgresPlugin());
        AtomicInteger generated = new AtomicInteger();
        InMemoryCaKeyStore shared = new InMemoryCaKeyStore() {
            @Override
            public CaKey generate(String label, CaKeyType type) {
                generated.incrementAndGet();
                return super.generate(label, type);
            }
        };
        var first = CompletableFuture.supplyAsync(
                () -> new CaBootstrap(jdbi, shared, CaProperties.defaults(), Clock.systemUTC()).loadOrCreate());
        var second = CompletableFuture.supplyAsync(
                () -> new CaBootstrap(jdbi, shared, CaProperties.defaults(), Clock.systemUTC()).loadOrCreate());
        assertThat(first.get().root()).isEqualTo(second.get().root());
        assertThat(first.get().issuing()).isEqualTo(second.get().issuing());
        assertThat(generated).hasValue(4);
        int rows = jdbi.withHandle(h ->
                h.createQuery("select count(*) from ca").mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(4);
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(stack.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(stack.files.resolve(name), content);
    }
}

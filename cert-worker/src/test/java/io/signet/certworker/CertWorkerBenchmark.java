package io.signet.certworker;

import io.signet.certworker.ca.CaMaterial;
import io.signet.certworker.ca.TestCsrs;
import io.signet.hsm.KeyHandle;
import io.signet.hsm.SignatureAlgorithm;
import io.signet.schemas.Base64Bytes;
import io.signet.schemas.CertIssued;
import io.signet.schemas.CertRequested;
import io.signet.schemas.SignerClaims;
import io.signet.schemas.Topics;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Throughput of cert-worker on the embedded stack, in one run: raw HSM signs/s on the signet-ca token, one-time
 * certificates/s through Kafka request-reply with persistence, OCSP responses/s and TSA tokens/s over HTTP, each with
 * its ratio to the raw figure. Every phase is bounded in time and count and talks to 127.0.0.1 only.
 *
 * <p>Run (from the repository root, after {@code mvn -B -q -pl cert-worker -am install -DskipTests}):
 *
 * <pre>
 * mvn -B -pl cert-worker verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=CertWorkerBenchmark -Dfailsafe.failIfNoSpecifiedTests=false
 * </pre>
 *
 * (Failsafe runs it because it provides SOFTHSM2_CONF; the name does not end in IT, so normal builds skip it.) The
 * client load generators run in the same JVM and on the same two cores as the server, the broker and PostgreSQL.
 */
public class CertWorkerBenchmark {

    private static final Duration PHASE = Duration.ofSeconds(Long.getLong("bench.seconds", 10));
    private static final int CERTIFICATES = Integer.getInteger("bench.certificates", 60_000);
    /**
     * Replies per second were still climbing (JIT) through the first 20,000 or so certificates of a fresh JVM: 1,500 to
     * 2,000/s at first, 3,500 to 4,000/s from about 10 s on. The warm-up covers that climb.
     */
    private static final int WARM_UP_CERTIFICATES = Integer.getInteger("bench.warmUpCertificates", 30_000);

    private static final int HTTP_CLIENTS = Integer.getInteger("bench.httpClients", 8);
    private static final Duration HTTP_WARM_UP = Duration.ofSeconds(Long.getLong("bench.httpWarmUpSeconds", 10));
    /** Which phases to run (comma-separated raw, cert, ocsp, tsa), for profiling one at a time. */
    private static final String PHASES = System.getProperty("bench.phases", "raw,cert,ocsp,tsa");

    private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    /** JVM CPU microseconds per operation of the last measured phase (server, broker and client together). */
    private static final java.util.Map<String, Double> CPU_PER_OP = new java.util.LinkedHashMap<>();
    /** Which HTTP client measured each path. */
    private static final java.util.Map<String, String> HTTP_CLIENT = new java.util.LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        new CertWorkerBenchmark().benchmark();
        System.exit(0);
    }

    @Test
    void benchmark() throws Exception {
        TestStack stack = TestStack.get();
        CaMaterial ca = stack.bean(CaMaterial.class);
        KeyHandle issuingKey = stack.token.findLongTerm("signet-ca-issuing").orElseThrow();

        double raw1 = Double.NaN;
        double raw2 = Double.NaN;
        if (PHASES.contains("raw")) {
            rawSigns(stack, issuingKey, 1, Duration.ofSeconds(2)); // warm-up
            raw1 = rawSigns(stack, issuingKey, 1, PHASE);
            raw2 = rawSigns(stack, issuingKey, 2, PHASE);
        }
        double certificates = PHASES.contains("cert") ? certificates(stack) : Double.NaN;
        settle(stack);
        double ocsp = Double.NaN;
        if (PHASES.contains("ocsp")) {
            // A certificate this CA really issued (the status lookup finds it), asked with a fresh nonce each time.
            BigInteger serial = new BigInteger(
                    stack.bean(Jdbi.class)
                            .withHandle(h -> h.createQuery("select serial from certificate limit 1")
                                    .mapTo(String.class)
                                    .findOne())
                            .orElseThrow(() -> new IllegalStateException("run the cert phase before ocsp")),
                    16);
            ocsp = http(stack, "/pki/ocsp", "application/ocsp-request", () -> ocspRequest(ca, serial), reply -> {
                OCSPResp response = new OCSPResp(reply);
                if (response.getStatus() != OCSPResp.SUCCESSFUL
                        || ((BasicOCSPResp) response.getResponseObject()).getResponses()[0].getCertStatus() != null) {
                    throw new IllegalStateException("OCSP did not answer good: status " + response.getStatus());
                }
            });
        }
        double tsa = PHASES.contains("tsa")
                ? http(stack, "/pki/tsa", "application/timestamp-query", CertWorkerBenchmark::tsaQuery, reply -> {
                    var response = new org.bouncycastle.tsp.TimeStampResponse(reply);
                    if (response.getStatus() != 0 || response.getTimeStampToken() == null) {
                        throw new IllegalStateException("the TSA granted no token: " + response.getStatusString());
                    }
                })
                : Double.NaN;

        System.out.println();
        System.out.println(
                "load average at the end: " + OS.getSystemLoadAverage() + " (other processes share the cores)");
        System.out.println("cert-worker benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, "
                + PHASE.toSeconds() + " s per HTTP/raw phase, HTTP after " + HTTP_WARM_UP.toSeconds()
                + " s of warm-up, " + CERTIFICATES + " certificates after "
                + WARM_UP_CERTIFICATES
                + " of warm-up, " + HTTP_CLIENTS
                + " HTTP clients)");
        line("raw1", "raw HSM signs/s, signet-ca, ECDSA P-256, 1 thread", raw1, raw1, raw2);
        line("raw2", "raw HSM signs/s, signet-ca, ECDSA P-256, 2 threads", raw2, raw1, raw2);
        System.out.println("  HTTP clients used: " + HTTP_CLIENT);
        line("cert", "certificates/s via Kafka request-reply + PostgreSQL", certificates, raw1, raw2);
        line("OCSP", "OCSP responses/s over HTTP (good, nonce, 1 cert)", ocsp, raw1, raw2);
        line("TSA ", "TSA tokens/s over HTTP (SHA-256, certReq)", tsa, raw1, raw2);
    }

    /**
     * Lets PostgreSQL finish the cert phase's aftermath (vacuuming tens of thousands of new rows), so
     * that its background work does not take the cores from the next phase. Not measured.
     */
    private static void settle(TestStack stack) {
        stack.bean(Jdbi.class).useHandle(h -> {
            h.execute("vacuum analyze certificate");
        });
    }

    private static void line(String key, String what, double rate, double raw1, double raw2) {
        Double cpu = CPU_PER_OP.get(key);
        System.out.println(String.format(
                Locale.ROOT,
                "  %-55s %9.0f /s   ratio to raw 1 thread %.2f, to raw 2 threads %.2f   (JVM CPU %s us/op)",
                what,
                rate,
                rate / raw1,
                rate / raw2,
                cpu == null ? "-" : String.format(Locale.ROOT, "%.0f", cpu)));
    }

    private static void cpu(String key, long cpuStartNanos, double operations) {
        CPU_PER_OP.put(key, (OS.getProcessCpuTime() - cpuStartNanos) / 1e3 / operations);
    }

    private static double rawSigns(TestStack stack, KeyHandle key, int threads, Duration duration) throws Exception {
        byte[] digest = new byte[32];
        new SecureRandom().nextBytes(digest);
        AtomicLong count = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        long cpuStart = OS.getProcessCpuTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        stack.token.sign(key, SignatureAlgorithm.ECDSA_SHA256, digest);
                        count.incrementAndGet();
                    }
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        }
        cpu("raw" + threads, cpuStart, count.get());
        return count.get() / seconds(start);
    }

    private static double certificates(TestStack stack) throws Exception {
        List<byte[]> csrs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            KeyPair key = TestCsrs.ec("secp256r1");
            csrs.add(TestCsrs.csr(key, "CN=bench"));
        }
        try (KafkaTestClient kafka =
                new KafkaTestClient(stack.stack.kafka().orElseThrow().bootstrap(), List.of(Topics.CERT_ISSUED))) {
            run(kafka, csrs, WARM_UP_CERTIFICATES); // JIT, connections, partitions
            long start = System.nanoTime();
            long cpuStart = OS.getProcessCpuTime();
            int refused = run(kafka, csrs, CERTIFICATES);
            double rate = CERTIFICATES / seconds(start);
            cpu("cert", cpuStart, CERTIFICATES);
            if (refused > 0) {
                throw new IllegalStateException(refused + " certificate requests were refused");
            }
            return rate;
        }
    }

    /**
     * Sends {@code count} requests at once and waits for every reply; returns how many were refused. Each reply is
     * dropped once counted, as a sign-worker would: kept, tens of thousands of them (about 4 KB each) made the shared
     * JVM's collector mark the old generation during the measurement.
     */
    private static int run(KafkaTestClient kafka, List<byte[]> csrs, int count) {
        List<String> ids = new ArrayList<>(count);
        List<CertRequested> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            requests.add(new CertRequested(
                    id,
                    UUID.randomUUID().toString(),
                    Base64Bytes.of(csrs.get(i % csrs.size())),
                    new SignerClaims(
                            "psn-" + (i % 1000),
                            "Bench",
                            "Mark",
                            "Bench Mark",
                            LocalDate.of(1990, 1, 1),
                            "Berlin",
                            List.of("DE"),
                            "DE",
                            "10115",
                            "Main St 1",
                            "Berlin"),
                    60,
                    false,
                    Instant.now()));
        }
        requests.forEach(kafka::send);
        kafka.flush();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        // Bounded wait for every reply; walks the ids once, waiting at the first one not answered yet.
        int next = 0;
        int refused = 0;
        while (next < ids.size()) {
            CertIssued reply = kafka.replies.remove(ids.get(next));
            if (reply != null) {
                refused += reply.succeeded() ? 0 : 1;
                next++;
                continue;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("replies missing after 2 minutes: " + (ids.size() - next));
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        return refused;
    }

    /**
     * HTTP throughput with ApacheBench when it is installed ({@code apt-get install apache2-utils}): a C client costs
     * the shared cores far less than the JDK's, so the figure is closer to the server's capacity. Every request
     * still gets its own signature (the responder and the TSA sign per request). {@code -Dbench.client=jdk} forces
     * the JDK client.
     */
    private static double http(
            TestStack stack, String path, String contentType, ThrowingSupplier body, ReplyCheck check)
            throws Exception {
        // ab counts any 200 as done, and OCSP and TSA answer their errors with 200: a reply sampled before and one
        // after must be real ones.
        check.accept(
                Http.binary(stack.baseUrl() + path, contentType, body.get()).body());
        double rate = throughput(stack, path, contentType, body);
        check.accept(
                Http.binary(stack.baseUrl() + path, contentType, body.get()).body());
        return rate;
    }

    private static double throughput(TestStack stack, String path, String contentType, ThrowingSupplier body)
            throws Exception {
        boolean ab = !"jdk".equals(System.getProperty("bench.client"))
                && java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/ab"));
        if (!ab) {
            HTTP_CLIENT.put(path, "JDK HttpClient");
            return jdkHttp(stack, path, contentType, body);
        }
        HTTP_CLIENT.put(path, "ab");
        java.nio.file.Path file = stack.files.resolve("bench-body" + path.replace('/', '-'));
        java.nio.file.Files.write(file, body.get());
        String url = stack.baseUrl() + path;
        // Warm-up: 2 s left the JIT still compiling the path (TSA alone, cold: 2,100/s against 5,000 or more warm).
        abRun(file, contentType, url, HTTP_WARM_UP.toSeconds());
        long cpuStart = OS.getProcessCpuTime();
        long start = System.nanoTime();
        String output = abRun(file, contentType, url, PHASE.toSeconds());
        double elapsed = seconds(start);
        java.util.regex.Matcher complete =
                java.util.regex.Pattern.compile("Complete requests:\\s+(\\d+)").matcher(output);
        // ab counts responses whose length differs from the first as "Length" failures; DER signatures vary in
        // length, so only connect, receive and exception failures (and any non-2xx status) count.
        java.util.regex.Matcher failed = java.util.regex.Pattern.compile(
                        "Connect: (\\d+), Receive: (\\d+), Length: \\d+, Exceptions: (\\d+)")
                .matcher(output);
        boolean breakdown = failed.find();
        if (!complete.find() || output.contains("Non-2xx responses")) {
            throw new IllegalStateException("ab run against " + path + " failed:\n" + output);
        }
        if (breakdown
                && Long.parseLong(failed.group(1)) + Long.parseLong(failed.group(2)) + Long.parseLong(failed.group(3))
                        > 0) {
            throw new IllegalStateException("HTTP requests to " + path + " failed: " + failed.group());
        }
        long done = Long.parseLong(complete.group(1));
        cpu(path.equals("/pki/ocsp") ? "OCSP" : "TSA ", cpuStart, done);
        return done / elapsed;
    }

    private static String abRun(java.nio.file.Path body, String contentType, String url, long seconds)
            throws Exception {
        Process process = new ProcessBuilder(
                        "ab",
                        "-q",
                        "-k",
                        "-c",
                        String.valueOf(HTTP_CLIENTS),
                        "-t",
                        String.valueOf(seconds),
                        "-n",
                        "100000000",
                        "-p",
                        body.toString(),
                        "-T",
                        contentType,
                        url)
                .redirectErrorStream(true)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(seconds + 30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("ab did not finish");
        }
        return new String(output, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static double jdkHttp(TestStack stack, String path, String contentType, ThrowingSupplier body)
            throws Exception {
        URI uri = URI.create(stack.baseUrl() + path);
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong count = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        for (int pass = 0; pass < 2; pass++) { // the first pass warms up
            count.set(0);
            Duration length = pass == 0 ? Duration.ofSeconds(2) : PHASE;
            long end = System.nanoTime() + length.toNanos();
            long start = System.nanoTime();
            long cpuStart = OS.getProcessCpuTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(HTTP_CLIENTS)) {
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < HTTP_CLIENTS; t++) {
                    running.add(pool.submit(() -> {
                        while (System.nanoTime() < end) {
                            HttpResponse<byte[]> response = client.send(
                                    HttpRequest.newBuilder(uri)
                                            .header("Content-Type", contentType)
                                            .POST(HttpRequest.BodyPublishers.ofByteArray(body.get()))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofByteArray());
                            if (response.statusCode() == 200) {
                                count.incrementAndGet();
                            } else {
                                failures.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : running) {
                    future.get();
                }
            }
            if (pass == 1) {
                if (failures.get() > 0) {
                    throw new IllegalStateException(failures.get() + " HTTP requests to " + path + " failed");
                }
                cpu(path.equals("/pki/ocsp") ? "OCSP" : "TSA ", cpuStart, count.get());
                return count.get() / seconds(start);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static byte[] ocspRequest(CaMaterial ca, BigInteger serial) throws Exception {
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        return new OCSPReqBuilder()
                .addRequest(new CertificateID(
                        new BcDigestCalculatorProvider().get(CertificateID.HASH_SHA1), ca.issuing(), serial))
                .setRequestExtensions(new Extensions(new Extension(
                        OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                        false,
                        new DEROctetString(new DEROctetString(nonce).getEncoded()))))
                .build()
                .getEncoded();
    }

    private static byte[] tsaQuery() throws Exception {
        byte[] imprint = new byte[32];
        new SecureRandom().nextBytes(imprint);
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        return generator
                .generate(TSPAlgorithms.SHA256, imprint, new java.math.BigInteger(64, new SecureRandom()))
                .getEncoded();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    @FunctionalInterface
    private interface ThrowingSupplier {
        byte[] get() throws Exception;
    }

    @FunctionalInterface
    private interface ReplyCheck {
        void accept(byte[] reply) throws Exception;
    }
}

package org.trialkeeper.randomisation.timestamp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A time-stamping authority of the tests' own: a self-signed CA, a TSA certificate it issued with
 * the timeStamping extended key usage, and Bouncy Castle's token and response generators served
 * over HTTP. It grants, refuses, answers 503 or
 * more than a time-stamp response could hold, or holds each request until released.
 */
final class TestAuthority implements AutoCloseable {

    static final String POLICY = "1.3.6.1.4.1.99999.1.1";

    enum Mode { GRANT, UNAVAILABLE, HOLD, REJECT, OVERSIZED }

    private final HttpServer server;
    private final TimeStampResponseGenerator responses;
    private final X509Certificate root;
    private final AtomicLong serial = new AtomicLong(1000);
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.GRANT);
    private volatile CountDownLatch held = new CountDownLatch(1);
    private volatile CountDownLatch release = new CountDownLatch(1);

    TestAuthority() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair caKeys = generator.generateKeyPair();
        KeyPair tsaKeys = generator.generateKeyPair();
        X500Name caName = new X500Name("CN=TrialKeeper Test Root CA");
        root = certificate(caName, caName, caKeys, caKeys.getPrivate(), true, 1);
        X509Certificate tsa = certificate(caName, new X500Name("CN=TrialKeeper Test TSA"), tsaKeys, caKeys.getPrivate(), false, 2);
        TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withRSA", tsaKeys.getPrivate(), tsa),
                new JcaDigestCalculatorProviderBuilder().build().get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                new ASN1ObjectIdentifier(POLICY));
        tokens.addCertificates(new JcaCertStore(List.of(tsa, root)));
        tokens.setTSA(new GeneralName(new X500Name("CN=TrialKeeper Test TSA")));
        responses = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/tsr", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    static TestAuthority started() {
        try {
            return new TestAuthority();
        } catch (Exception e) {
            throw new IllegalStateException("the test's time-stamping authority did not start", e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/tsr";
    }

    X509Certificate root() {
        return root;
    }

    void set(Mode next) {
        held = new CountDownLatch(1);
        release = new CountDownLatch(1);
        mode.set(next);
    }

    /** Waits until a request is being held (in HOLD mode). */
    boolean awaitHeld() throws InterruptedException {
        return held.await(20, TimeUnit.SECONDS);
    }

    void releaseHeld() {
        release.countDown();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Mode now = mode.get();
            if (now == Mode.UNAVAILABLE) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            if (now == Mode.OVERSIZED) {
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write(new byte[100 * 1024]);
                return;
            }
            if (now == Mode.REJECT) {
                byte[] refusal = responses.generateFailResponse(PKIStatus.REJECTION, PKIFailureInfo.badAlg, "refused").getEncoded();
                exchange.sendResponseHeaders(200, refusal.length);
                exchange.getResponseBody().write(refusal);
                return;
            }
            if (now == Mode.HOLD) {
                held.countDown();
                release.await(20, TimeUnit.SECONDS);
            }
            byte[] answer = responses.generate(new TimeStampRequest(body), BigInteger.valueOf(serial.incrementAndGet()),
                    new Date()).getEncoded();
            exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static X509Certificate certificate(X500Name issuer, X500Name subject, KeyPair keys, PrivateKey signer,
                                               boolean authority, long serialNumber) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serialNumber),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), subject, keys.getPublic());
        if (authority) {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        }
        X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}

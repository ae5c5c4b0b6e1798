package org.trialkeeper.randomisation.timestamp;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * RFC 3161 requests for a commitment and the checks of what comes back. The message imprint is
 * SHA-256 with the commitment itself as the hashed message: the 32 bytes the commitment's 64 hex
 * digits spell, which are the SHA-256 of the committed text, so the token stamps that text.
 */
final class TimeStamps {

    private TimeStamps() {
    }

    /** A request for the commitment's imprint, with the nonce and asking for the TSA's certificate in the token. */
    static TimeStampRequest request(String commitment, BigInteger nonce, String policy) {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        if (policy != null) {
            generator.setReqPolicy(new ASN1ObjectIdentifier(policy));
        }
        return generator.generate(TSPAlgorithms.SHA256, HexFormat.of().parseHex(commitment), nonce);
    }

    /**
     * The token of a response, once the status is granted, the response answers this request
     * (imprint, nonce, policy asked for) and the token holds as {@link #problems} checks it.
     */
    static byte[] accept(TimeStampRequest request, byte[] answer) throws TimestampRefused {
        TimeStampResponse response;
        try {
            response = new TimeStampResponse(answer);
        } catch (Exception e) {
            throw new TimestampRefused("the authority's answer is not a time-stamp response");
        }
        if (response.getStatus() != PKIStatus.GRANTED && response.getStatus() != PKIStatus.GRANTED_WITH_MODS) {
            throw new TimestampRefused("the authority refused the request (PKIStatus " + response.getStatus()
                    + (response.getFailInfo() == null ? "" : ", failure bits " + response.getFailInfo().intValue()) + ")");
        }
        try {
            response.validate(request);
            byte[] token = response.getTimeStampToken().getEncoded();
            List<String> problems = problems(token, request.getMessageImprintDigest(), null);
            if (!problems.isEmpty()) {
                throw new TimestampRefused(problems.get(0));
            }
            return token;
        } catch (TimestampRefused e) {
            throw e;
        } catch (Exception e) {
            throw new TimestampRefused("the authority's token does not answer the request (imprint, nonce, policy"
                    + " or certificate missing)");
        }
    }

    /** What the token says; empty problems of {@link #problems} should be asked first. */
    static TokenFacts facts(byte[] der) throws TimestampRefused {
        TimeStampToken token = parse(der);
        GeneralName tsa = token.getTimeStampInfo().getTsa();
        String authority = tsa != null ? tsa.getName().toString()
                : signer(token).map(c -> c.getSubject().toString()).orElse(null);
        return new TokenFacts(token.getTimeStampInfo().getGenTime().toInstant(), authority,
                token.getTimeStampInfo().getSerialNumber().toString(), token.getTimeStampInfo().getPolicy().getId());
    }

    /**
     * Everything wrong with a stored token for this commitment, in plain words; empty when its
     * imprint is the commitment, its signature verifies against the certificate in the token, that
     * certificate is fit for time-stamping at the token's time (validity, extended key usage) and,
     * when given, the token's time is before the first allocation. Whether the certificate leads to
     * an authority one trusts is not checked here: the operator chose the authority.
     */
    static List<String> problems(byte[] der, byte[] commitment, Instant firstAllocation) {
        List<String> problems = new ArrayList<>();
        TimeStampToken token;
        try {
            token = parse(der);
        } catch (TimestampRefused e) {
            return List.of(e.reason());
        }
        if (!NISTObjectIdentifiers.id_sha256.equals(token.getTimeStampInfo().getMessageImprintAlgOID())
                || !Arrays.equals(commitment, token.getTimeStampInfo().getMessageImprintDigest())) {
            problems.add("the time-stamp token's message imprint is not the SHA-256 commitment");
        }
        signatureProblem(token).ifPresent(problems::add);
        Instant genTime = token.getTimeStampInfo().getGenTime().toInstant();
        if (firstAllocation != null && !genTime.isBefore(firstAllocation)) {
            problems.add("the time-stamp token's time " + genTime + " is not before the first allocation at " + firstAllocation);
        }
        return problems;
    }

    private static Optional<String> signatureProblem(TimeStampToken token) {
        Optional<X509CertificateHolder> certificate = signer(token);
        if (certificate.isEmpty()) {
            return Optional.of("the time-stamp token carries no certificate of its signer");
        }
        try {
            SignerInformationVerifier verifier = new JcaSimpleSignerInfoVerifierBuilder().build(certificate.get());
            if (!token.isSignatureValid(verifier)) {
                return Optional.of("the time-stamp token's signature does not verify against its certificate");
            }
            token.validate(verifier);
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("the time-stamp token's signature or certificate does not hold (a signature"
                    + " over other content, or a certificate not valid for time-stamping at the token's time)");
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<X509CertificateHolder> signer(TimeStampToken token) {
        Collection<X509CertificateHolder> matches = token.getCertificates().getMatches(token.getSID());
        return matches.stream().findFirst();
    }

    private static TimeStampToken parse(byte[] der) throws TimestampRefused {
        try {
            return new TimeStampToken(new CMSSignedData(der));
        } catch (Exception e) {
            throw new TimestampRefused("the stored time-stamp token cannot be read as an RFC 3161 token");
        }
    }

    static BigInteger nonce(SecureRandom random) {
        return new BigInteger(63, random);
    }
}

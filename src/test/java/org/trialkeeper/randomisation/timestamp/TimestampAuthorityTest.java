package org.trialkeeper.randomisation.timestamp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigInteger;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request, the authority's answer and the token checks, without the service. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimestampAuthorityTest {

    private static final String COMMITMENT = "5f".repeat(32);

    private final TestAuthority authority = TestAuthority.started();

    @AfterAll
    void stop() {
        authority.close();
    }

    private static TimestampSettings settings(String url, int attempts) {
        return new TimestampSettings(url, "", Duration.ofSeconds(5), Duration.ofSeconds(5), attempts,
                Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    @Test
    void aGrantedTokenStampsTheCommitmentItselfWithTheNonceAndTheCertificate() throws Exception {
        var request = TimeStamps.request(COMMITMENT, TimeStamps.nonce(new SecureRandom()), null);
        assertTrue(request.getCertReq());
        assertEquals(COMMITMENT, HexFormat.of().formatHex(request.getMessageImprintDigest()));
        byte[] token = TimeStamps.accept(request, new TimestampAuthority(settings(authority.url(), 1)).ask(request));
        assertEquals(java.util.List.of(), TimeStamps.problems(token, HexFormat.of().parseHex(COMMITMENT), null));
        assertEquals("CN=TrialKeeper Test TSA", TimeStamps.facts(token).authority());
        assertTrue(TimeStamps.problems(token, HexFormat.of().parseHex("60".repeat(32)), null).get(0).contains("imprint"));
    }

    @Test
    void anAnswerToAnotherRequestIsRefused() throws Exception {
        var asked = TimeStamps.request(COMMITMENT, BigInteger.ONE, null);
        var other = TimeStamps.request(COMMITMENT, BigInteger.TWO, null);
        byte[] answer = new TimestampAuthority(settings(authority.url(), 1)).ask(other);
        TimestampRefused refused = assertThrows(TimestampRefused.class, () -> TimeStamps.accept(asked, answer));
        assertTrue(refused.reason().contains("does not answer the request"), refused.reason());
        assertThrows(TimestampRefused.class, () -> TimeStamps.accept(asked, new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}));
    }

    @Test
    void aRefusalOrAnOversizedAnswerGivesNoToken() throws Exception {
        var request = TimeStamps.request(COMMITMENT, BigInteger.TEN, null);
        TimestampAuthority asked = new TimestampAuthority(settings(authority.url(), 1));
        try {
            authority.set(TestAuthority.Mode.REJECT);
            byte[] refusal = asked.ask(request);
            TimestampRefused refused = assertThrows(TimestampRefused.class, () -> TimeStamps.accept(request, refusal));
            assertTrue(refused.reason().startsWith("the authority refused the request (PKIStatus 2"), refused.reason());
            authority.set(TestAuthority.Mode.OVERSIZED);
            assertEquals("the time-stamping authority's answer is longer than 64 KiB",
                    assertThrows(TimestampRefused.class, () -> asked.ask(request)).reason());
        } finally {
            authority.set(TestAuthority.Mode.GRANT);
        }
    }

    @Test
    void anAuthorityNobodyListensAtIsReportedInPlainWords() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var request = TimeStamps.request(COMMITMENT, BigInteger.TEN, null);
        TimestampRefused refused = assertThrows(TimestampRefused.class,
                () -> new TimestampAuthority(settings("http://127.0.0.1:" + port + "/tsr", 1)).ask(request));
        assertEquals("could not connect to the time-stamping authority", refused.reason());
    }

    @Test
    void retriesWaitTwiceAsLongEachTimeUpToTheLongestDelay() {
        TimestampSettings settings = settings("http://tsa.example/", 10);
        assertEquals(Duration.ofSeconds(30), settings.delayAfter(1));
        assertEquals(Duration.ofSeconds(120), settings.delayAfter(3));
        assertEquals(Duration.ofMinutes(5), settings.delayAfter(9));
        assertThrows(IllegalStateException.class, () -> new TimestampSettings("ftp://tsa.example/", "", Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalStateException.class, () -> new TimestampSettings("http://tsa.example/", "not an oid",
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1, Duration.ZERO, Duration.ZERO));
    }
}

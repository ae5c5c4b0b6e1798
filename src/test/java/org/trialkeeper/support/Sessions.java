package org.trialkeeper.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.cookie.Cookie;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Page sessions as a browser holds them: the signed token in the session cookie. Tokens can be
 * signed here with the test secret, to stand for sessions signed in at another time.
 */
public final class Sessions {

    public static final String COOKIE = "TRIALKEEPER_SESSION";
    private static final String SECRET = "a-test-signing-secret-that-is-long-enough-for-hs256";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private Sessions() {
    }

    /** A user's id and session version as the database holds them now. */
    public record Account(long id, int sessionVersion) {
    }

    public static Account account(DataSource dataSource, String username) {
        DataSource raw = dataSource instanceof DelegatingDataSource delegating ? delegating.getTargetDataSource() : dataSource;
        try (Connection connection = raw.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT id, session_version FROM app_user WHERE username = ?")) {
            select.setString(1, username);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalArgumentException("no user " + username);
                }
                return new Account(row.getLong(1), row.getInt(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token as the service signs it, for the given sign-in id and times. */
    public static String sign(String username, Account account, String sessionId, Instant issuedAt, Instant expiry) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(username).claim("uid", account.id())
                .claim("pwchange", false).claim("sv", account.sessionVersion()).claim("sid", sessionId)
                .issueTime(Date.from(issuedAt)).notBeforeTime(Date.from(issuedAt)).expirationTime(Date.from(expiry))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(SECRET));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The answer to a request sent with the session cookie, whatever its status. */
    public static HttpResponse<String> send(HttpClient http, MutableHttpRequest<?> request, String sessionToken) {
        try {
            return http.toBlocking().exchange(request.cookie(Cookie.of(COOKIE, sessionToken)), String.class);
        } catch (HttpClientResponseException e) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> response = (HttpResponse<String>) e.getResponse();
            return response;
        }
    }

    /** The session token an answer sets in its cookie, if it sets one. */
    public static Optional<String> cookieSet(HttpResponse<?> response) {
        return response.getHeaders().getAll("Set-Cookie").stream()
                .filter(header -> header.startsWith(COOKIE + "="))
                .map(header -> header.substring(COOKIE.length() + 1, header.indexOf(';')))
                .findFirst();
    }

    /** The CSRF token in a page's forms. */
    public static String csrf(HttpResponse<String> page) {
        Matcher matcher = CSRF.matcher(page.getBody().orElse(""));
        if (!matcher.find()) {
            throw new IllegalStateException("no form on the page");
        }
        return matcher.group(1);
    }

    public static boolean toSignIn(HttpResponse<?> response) {
        return response.getStatus().getCode() == 303
                && response.getHeaders().get("Location", String.class).orElse("").endsWith("/app/login");
    }
}

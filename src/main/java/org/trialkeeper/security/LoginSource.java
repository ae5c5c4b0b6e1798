package org.trialkeeper.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Where a login comes from, as the throttle counts it: the address of the connection, or, only
 * when {@code trialkeeper.http.trust-forwarded-for} says the service sits behind a proxy that
 * always sets it, the last address in {@code X-Forwarded-For} (the one that proxy appended; the
 * ones before it are whatever the client claimed). An IPv6 address counts as its /64, which
 * one subscriber usually holds whole.
 */
@Singleton
class LoginSource {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    /** Four decimal parts, or hexadecimal parts with colons: never a name, which would be looked up. */
    private static final Pattern LITERAL_ADDRESS = Pattern.compile(
            "\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]{1,44}");
    private static final int IPV6_PREFIX_BYTES = 8;

    private final boolean trustForwardedFor;

    LoginSource(@Value("${trialkeeper.http.trust-forwarded-for:false}") boolean trustForwardedFor) {
        this.trustForwardedFor = trustForwardedFor;
    }

    String of(HttpRequest<?> request) {
        if (trustForwardedFor) {
            String forwarded = request.getHeaders().get(FORWARDED_FOR);
            if (forwarded != null) {
                String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
                InetAddress address = literal(last);
                if (address != null) {
                    return key(address);
                }
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote.getAddress() == null ? remote.getHostString() : key(remote.getAddress());
    }

    /** Only a literal address is parsed, so that nothing a client sends is looked up in DNS. */
    private static InetAddress literal(String text) {
        if (!LITERAL_ADDRESS.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException notAnAddress) {
            return null;
        }
    }

    private static String key(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < IPV6_PREFIX_BYTES; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
    }
}

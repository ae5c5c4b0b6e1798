package org.trialkeeper.support.conformance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One request and its answer as they crossed the wire, bodies as bytes. */
record WireExchange(String method, String uri, Map<String, List<String>> requestHeaders, byte[] requestBody,
                    int status, Map<String, List<String>> responseHeaders, byte[] responseBody) {

    String path() {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    String query() {
        int query = uri.indexOf('?');
        return query < 0 ? "" : uri.substring(query + 1);
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return method + " " + uri + " -> " + status;
    }
}

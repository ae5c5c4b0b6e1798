package org.trialkeeper.support.conformance;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Checks every exchange of the tests' servers under {@code /api/} against the service's own API
 * document, as built by the compiler into {@code META-INF/swagger}: every answer (status, content
 * type, body) whatever its status, and every request the service accepted (2xx), since a request
 * the service took must be one the document allows. What does not conform is kept for
 * {@link ConformanceExtension}, which fails the test class whose requests it came from.
 */
public final class ApiConformance {

    private static final ExecutorService CHECKER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "api-conformance");
        thread.setDaemon(true);
        return thread;
    });
    /** CORS preflights and HEAD, which Micronaut answers for every GET, are not operations of the document. */
    private static final Set<String> UNDESCRIBED = Set.of("OPTIONS", "HEAD", "TRACE");
    private static final List<String> VIOLATIONS = new ArrayList<>();
    private static volatile OpenApiInteractionValidator validator;

    private ApiConformance() {
    }

    static void record(WireExchange exchange) {
        if (!exchange.path().startsWith("/api/") || UNDESCRIBED.contains(exchange.method())) {
            return;
        }
        CHECKER.execute(() -> check(exchange));
    }

    /** The violations found since {@code from}, once every exchange recorded so far is checked. */
    static List<String> violationsSince(int from) {
        drain();
        synchronized (ApiConformance.class) {
            return List.copyOf(VIOLATIONS.subList(Math.min(from, VIOLATIONS.size()), VIOLATIONS.size()));
        }
    }

    static int violationCount() {
        drain();
        synchronized (ApiConformance.class) {
            return VIOLATIONS.size();
        }
    }

    /** What the document says of one exchange: the messages, empty when it conforms. */
    public static List<String> problems(WireExchange exchange) {
        List<String> problems = new ArrayList<>();
        if (exchange.requestBody() == null || exchange.responseBody() == null) {
            return problems;
        }
        Request.Method method = Request.Method.valueOf(exchange.method());
        SimpleResponse response = response(exchange);
        ValidationReport report = exchange.status() / 100 == 2
                ? validator().validate(request(exchange, method), response)
                : validator().validateResponse(exchange.path(), method, response);
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() == ValidationReport.Level.ERROR && !probe(exchange, message.getKey())) {
                problems.add(message.getKey() + ": " + message.getMessage());
            }
        }
        return problems;
    }

    /** A test's request for a path or method the service does not have, refused as such, is not the document's to describe. */
    private static boolean probe(WireExchange exchange, String key) {
        return exchange.status() == 404 && key.equals("validation.request.path.missing")
                || exchange.status() == 405 && key.equals("validation.request.operation.notAllowed");
    }

    private static void check(WireExchange exchange) {
        List<String> problems;
        try {
            problems = problems(exchange);
        } catch (RuntimeException failure) {
            problems = List.of("the check failed: " + failure);
        }
        synchronized (ApiConformance.class) {
            for (String problem : problems) {
                VIOLATIONS.add(exchange + " " + problem);
                log(exchange + " " + problem);
            }
        }
    }

    /** Every violation is also written to target/api-conformance.txt, to read a whole run's at once. */
    private static void log(String violation) {
        try {
            Files.writeString(Path.of("target", "api-conformance.txt"), violation + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the file is a convenience; the violation is kept in memory and fails its class either way
        }
    }

    private static SimpleRequest request(WireExchange exchange, Request.Method method) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(method, exchange.path());
        exchange.requestHeaders().forEach(builder::withHeader);
        if (exchange.requestBody().length > 0) {
            builder.withBody(exchange.requestBody());
        }
        query(exchange.query()).forEach(builder::withQueryParam);
        return builder.build();
    }

    private static SimpleResponse response(WireExchange exchange) {
        SimpleResponse.Builder builder = new SimpleResponse.Builder(exchange.status());
        exchange.responseHeaders().forEach(builder::withHeader);
        if (exchange.responseBody().length > 0) {
            builder.withBody(exchange.responseBody());
        }
        return builder.build();
    }

    private static Map<String, List<String>> query(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static void drain() {
        try {
            CHECKER.submit(() -> { }).get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static OpenApiInteractionValidator validator() {
        if (validator == null) {
            synchronized (ApiConformance.class) {
                if (validator == null) {
                    validator = OpenApiInteractionValidator.createForInlineApiSpecification(document()).build();
                }
            }
        }
        return validator;
    }

    /** The API document the compiler wrote for the service's own classes. */
    public static String document() {
        URL folder = ApiConformance.class.getClassLoader().getResource("META-INF/swagger");
        if (folder == null) {
            throw new IllegalStateException("no API document on the class path under META-INF/swagger");
        }
        try (Stream<Path> files = Files.list(Paths.get(folder.toURI()))) {
            List<Path> documents = files.filter(file -> file.toString().endsWith(".yml")).toList();
            if (documents.size() != 1) {
                throw new IllegalStateException("expected one API document in " + folder + ", found " + documents);
            }
            return Files.readString(documents.get(0));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (URISyntaxException failure) {
            throw new IllegalStateException(failure);
        }
    }
}

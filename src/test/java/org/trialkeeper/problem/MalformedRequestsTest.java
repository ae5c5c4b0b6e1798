package org.trialkeeper.problem;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;
import org.yaml.snakeyaml.Yaml;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route of the generated OpenAPI document gets malformed requests (wrong types, missing
 * and extra fields, empty, invalid and oversized bodies, invalid UTF-8, numbers out of range,
 * unknown and other trials' ids, wrong content types, SQL and script metacharacters in every
 * string) with each role's token and none. Every answer must be a 4xx application/problem+json
 * (413 for a body over the limit) that shows no stack trace or SQL, and no table may change. A
 * CORS preflight of every route is refused with a problem, and no answer at all names a Java
 * exception class.
 * Well-formed logins are audited by design, so the login route gets only malformed bodies; sign-out
 * takes no input and would end the sessions the other requests use, so it is sent without a token only.
 */
@MicronautTest(transactional = false)
class MalformedRequestsTest {

    private static final String METACHARACTERS = "' OR '1'='1'; DROP TABLE participant; -- <script>alert(1)</script> %s \\u0000 \"";
    private static final List<String> LEAKS = List.of("Exception", "at org.", "at java.", "SQL", "jdbc", "mysql", "MariaDB",
            "org.trialkeeper", "io.micronaut");
    private static final java.util.regex.Pattern EXCEPTION_CLASS =
            java.util.regex.Pattern.compile("[a-z]+\\.[a-z]+\\..*Exception");

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DataSource dataSource;

    private final Map<String, Integer> sent = new TreeMap<>();
    private final List<String> wrong = new ArrayList<>();

    @Test
    void everyMalformedRequestIsA4xxProblemAndChangesNothing() throws Exception {
        RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("fuzz")));
        long enrolled = trial.enrol("F-1", "female");
        long randomised = trial.enrol("F-2", "male");
        trial.randomise(randomised, "key-fuzz-f2-0001");
        RecruitingTrial other = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("fuzz-other")));
        long othersParticipant = other.enrol("O-1", "female");
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("none", null);
        tokens.put("ADMIN", trial.admin.token());
        tokens.put("COORDINATOR", trial.coordinator.token());
        tokens.put("ASSESSOR", trial.assessor.token());
        tokens.put("INVESTIGATOR", trial.investigator.token());
        tokens.put("STATISTICIAN", trial.statistician.token());

        Map<String, Object> openApi = openApi();
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) openApi.get("components")).get("schemas");
        Map<String, String> before = checksums();
        long lastSeq = lastAuditSeq();
        for (Map.Entry<String, Object> path : ((Map<String, Object>) openApi.get("paths")).entrySet()) {
            for (Map.Entry<String, Object> operation : ((Map<String, Object>) path.getValue()).entrySet()) {
                HttpMethod method = HttpMethod.parse(operation.getKey().toUpperCase());
                Map<String, Object> spec = (Map<String, Object>) operation.getValue();
                List<String> paths = badPaths(path.getKey(), trial.id, other.id, enrolled, randomised, othersParticipant);
                List<Body> bodies = method == HttpMethod.GET ? List.of() : bodies(spec, schemas, path.getKey().equals("/api/login"));
                // sign-out takes no input to get wrong, and would end the session the other requests use
                boolean signOut = path.getKey().equals("/api/logout");
                for (Map.Entry<String, String> caller : tokens.entrySet()) {
                    if (signOut && caller.getValue() != null) {
                        continue;
                    }
                    String token = caller.getValue();
                    for (String badPath : paths) {
                        if (caller.getKey().equals("ADMIN") && badPath.startsWith("/api/trials/" + other.id)) {
                            continue; // an administrator may read every trial
                        }
                        send(method, badPath, method == HttpMethod.GET ? null : new Body("path", "{}", MediaType.APPLICATION_JSON_TYPE), token);
                    }
                    String goodPath = goodPath(path.getKey(), trial.id, enrolled, randomised);
                    for (Body body : bodies) {
                        send(method, goodPath, body, token);
                    }
                    preflight(method, goodPath);
                    String badQuery = badQuery(spec);
                    if (!badQuery.isEmpty()) {
                        send(method, goodPath + badQuery, method == HttpMethod.GET ? null
                                : new Body("path", "{}", MediaType.APPLICATION_JSON_TYPE), token);
                    }
                }
            }
        }
        int total = sent.values().stream().mapToInt(Integer::intValue).sum();
        System.out.println("malformed requests sent: " + total + " " + sent);
        java.nio.file.Files.write(Path.of("target", "malformed-requests-wrong.txt"), wrong);
        assertEquals(List.of(), wrong);
        assertTrue(total >= 500, "at least 500 requests: " + total);
        Map<String, String> after = checksums();
        // a refused unblinding is audited, as every one must be; nothing else may be written
        boolean onlyRefusedUnblindings = actionsAfter(lastSeq).stream().allMatch("participant.unblinding-refused"::equals);
        List<String> changed = before.keySet().stream().filter(t -> !before.get(t).equals(after.get(t)))
                .filter(t -> !(onlyRefusedUnblindings && (t.endsWith(".audit_head") || t.endsWith(".audit_record"))))
                .toList();
        assertEquals(List.of(), changed, "no table changed; the audit trail's newest: " + newestAudit());
        assertTrue(onlyRefusedUnblindings, "only refused unblindings audited; the newest: " + newestAudit());
    }

    private record Body(String kind, Object content, MediaType type) {
    }

    private void send(HttpMethod method, String path, Body body, String token) {
        MutableHttpRequest<Object> request = HttpRequest.create(method, path);
        if (body != null) {
            request.body(body.content()).header(HttpHeaders.CONTENT_TYPE, body.type() == null ? "" : body.type().toString());
        }
        if (token != null) {
            request.bearerAuth(token);
        }
        String kind = body == null ? "bad path or parameter" : body.kind();
        sent.merge(kind, 1, Integer::sum);
        HttpResponse<?> response;
        try {
            response = http.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            response = e.getResponse();
        }
        int status = response.getStatus().getCode();
        String answer = response.getBody(String.class).orElse("");
        String type = response.getContentType().map(MediaType::toString).orElse("");
        String what = method + " " + path + " (" + kind + ", " + (token == null ? "no token" : "token") + ")";
        if (EXCEPTION_CLASS.matcher(answer).find()) {
            wrong.add(what + " names an exception class: " + answer);
        }
        if (status < 400 || status >= 500) {
            wrong.add(what + " answered " + status + " " + answer.substring(0, Math.min(200, answer.length())));
        } else if (!type.startsWith("application/problem+json")) {
            wrong.add(what + " answered " + status + " as " + type);
        } else if (kind.equals("oversized") && status != 413 && status != 401 && status != 403) {
            wrong.add(what + " answered " + status + ", not 413");
        } else {
            for (String leak : LEAKS) {
                if (answer.contains(leak)) {
                    wrong.add(what + " shows '" + leak + "': " + answer);
                }
            }
        }
    }

    /** A browser asking whether another origin may call the route. */
    private void preflight(HttpMethod method, String path) {
        MutableHttpRequest<?> request = HttpRequest.create(HttpMethod.OPTIONS, path)
                .header(HttpHeaders.ORIGIN, "https://elsewhere.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, method.name());
        sent.merge("CORS preflight", 1, Integer::sum);
        HttpResponse<?> response;
        try {
            response = http.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            response = e.getResponse();
        }
        String answer = response.getBody(String.class).orElse("");
        if (response.getStatus().getCode() != 403 || !answer.contains(ProblemCode.CORS_REFUSED.type())) {
            wrong.add("OPTIONS " + path + " (CORS preflight) answered " + response.getStatus().getCode() + " " + answer);
        }
    }

    /** Each query parameter the route declares, given a value of the wrong type or out of range. */
    private static String badQuery(Map<String, Object> spec) {
        StringBuilder query = new StringBuilder();
        for (Object parameter : (List<Object>) spec.getOrDefault("parameters", List.of())) {
            Map<String, Object> p = (Map<String, Object>) parameter;
            if (!"query".equals(p.get("in"))) {
                continue;
            }
            String type = String.valueOf(((Map<String, Object>) p.getOrDefault("schema", Map.of())).get("type"));
            query.append(query.isEmpty() ? "?" : "&").append(p.get("name")).append("=").append(switch (type) {
                case "integer", "number" -> "99999999999999999999999";
                case "boolean" -> "maybe";
                default -> "%27%3Cscript%3E";
            });
        }
        return query.toString();
    }

    /** Path variables that are of the wrong type, out of range, unknown, or another trial's. */
    private static List<String> badPaths(String template, long trial, long otherTrial, long enrolled, long randomised,
                                         long othersParticipant) {
        List<String> paths = new ArrayList<>();
        if (!template.contains("{")) {
            return paths;
        }
        for (String bad : List.of("abc", "99999999999999999999", "-1", "0x10", "%27%20OR%201%3D1")) {
            paths.add(template.replaceAll("\\{[^}]+}", bad));
        }
        String good = goodPath(template, trial, enrolled, randomised);
        if (template.contains("{trialId}")) {
            paths.add(good.replaceFirst("/api/trials/" + trial, "/api/trials/" + otherTrial));
            paths.add(good.replaceFirst("/api/trials/" + trial, "/api/trials/987654321"));
        }
        if (template.contains("{participantId}")) {
            paths.add(template.replace("{trialId}", Long.toString(trial)).replace("{participantId}", Long.toString(othersParticipant))
                    .replaceAll("\\{[^}]+}", "1"));
        }
        return paths;
    }

    /** The route with real ids of the caller's trial (bodies are what is wrong). */
    private static String goodPath(String template, long trial, long enrolled, long randomised) {
        return template.replace("{trialId}", Long.toString(trial))
                .replace("{participantId}", Long.toString(template.contains("randomisation") ? enrolled : randomised))
                .replace("{userId}", "987654321").replace("{version}", "1").replace("{assessmentId}", "987654321")
                .replace("{adverseEventId}", "987654321").replace("{session}", "1");
    }

    private static List<Body> bodies(Map<String, Object> spec, Map<String, Object> schemas, boolean login) {
        Map<String, Object> content = spec.get("requestBody") == null ? Map.of()
                : (Map<String, Object>) ((Map<String, Object>) spec.get("requestBody")).get("content");
        MediaType declared = content.isEmpty() ? MediaType.APPLICATION_JSON_TYPE : MediaType.of(content.keySet().iterator().next());
        List<Body> bodies = new ArrayList<>();
        bodies.add(new Body("empty body", "", declared));
        bodies.add(new Body("invalid JSON or YAML", "{\"a\": [1, 2,, }: : - [", declared));
        bodies.add(new Body("invalid UTF-8", new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'},
                declared));
        bodies.add(new Body("wrong type", "[1, 2, 3]", declared));
        bodies.add(new Body("wrong content type", "<xml>nothing</xml>", MediaType.APPLICATION_XML_TYPE));
        bodies.add(new Body("empty content type", "{}", null));
        if (declared.getName().equals("text/csv")) {
            bodies.add(new Body("malformed CSV", "participant,timepoint,instrument,item,value\nP-1,\"baseline\"x,CSS-30,1,2\n", declared));
        }
        bodies.add(new Body("oversized", "x".repeat(2 * 1024 * 1024), declared));
        Map<String, Object> schema = schema(content, schemas);
        if (schema != null) {
            Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            bodies.add(new Body("missing fields", "{}", MediaType.APPLICATION_JSON_TYPE));
            Map<String, Object> wrongTypes = new LinkedHashMap<>();
            Map<String, Object> hostile = new LinkedHashMap<>();
            properties.forEach((name, property) -> {
                String type = String.valueOf(((Map<String, Object>) property).get("type"));
                wrongTypes.put(name, switch (type) {
                    case "string" -> List.of(1, 2);
                    case "integer", "number" -> "not a number";
                    case "boolean" -> Map.of("x", 1);
                    default -> 42;
                });
                hostile.put(name, switch (type) {
                    case "integer" -> new java.math.BigInteger("99999999999999999999999");
                    case "number" -> -1e308;
                    case "boolean" -> METACHARACTERS;
                    case "array" -> List.of(METACHARACTERS, METACHARACTERS);
                    case "object" -> Map.of(METACHARACTERS, METACHARACTERS);
                    default -> METACHARACTERS;
                });
            });
            wrongTypes.put("unexpected", "extra field");
            bodies.add(new Body("wrong types and extra field", wrongTypes, MediaType.APPLICATION_JSON_TYPE));
            if (!login) {
                bodies.add(new Body("metacharacters and numbers out of range", hostile, MediaType.APPLICATION_JSON_TYPE));
            }
        } else if (!login) {
            bodies.add(new Body("metacharacters", METACHARACTERS, declared));
        }
        return bodies;
    }

    private static Map<String, Object> schema(Map<String, Object> content, Map<String, Object> schemas) {
        for (Object media : content.values()) {
            Object ref = ((Map<String, Object>) ((Map<String, Object>) media).getOrDefault("schema", Map.of())).get("$ref");
            if (ref != null) {
                return (Map<String, Object>) schemas.get(ref.toString().substring("#/components/schemas/".length()));
            }
        }
        return null;
    }

    private static Map<String, Object> openApi() throws IOException {
        Path directory = Path.of("target", "classes", "META-INF", "swagger");
        try (var files = Files.list(directory)) {
            Path document = files.filter(f -> f.toString().endsWith(".yml")).findFirst().orElseThrow();
            try (InputStream in = Files.newInputStream(document)) {
                return new Yaml().load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    private String newestAudit() throws SQLException {
        DataSource raw = dataSource instanceof DelegatingDataSource d ? d.getTargetDataSource() : dataSource;
        try (Connection db = raw.getConnection(); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT action, username, entity_id, reason FROM audit_record ORDER BY id DESC LIMIT 5")) {
            StringBuilder text = new StringBuilder();
            while (rows.next()) {
                text.append(rows.getString(1)).append(' ').append(rows.getString(2)).append(' ').append(rows.getString(3))
                        .append(' ').append(rows.getString(4)).append("; ");
            }
            return text.toString();
        }
    }

    private long lastAuditSeq() throws SQLException {
        DataSource raw = dataSource instanceof DelegatingDataSource d ? d.getTargetDataSource() : dataSource;
        try (Connection db = raw.getConnection(); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(id), 0) FROM audit_record")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private List<String> actionsAfter(long seq) throws SQLException {
        DataSource raw = dataSource instanceof DelegatingDataSource d ? d.getTargetDataSource() : dataSource;
        try (Connection db = raw.getConnection(); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT action FROM audit_record WHERE id > " + seq)) {
            List<String> actions = new ArrayList<>();
            while (rows.next()) {
                actions.add(rows.getString(1));
            }
            return actions;
        }
    }

    /** CHECKSUM TABLE of every table of the schema. */
    private Map<String, String> checksums() throws SQLException {
        DataSource raw = dataSource instanceof DelegatingDataSource d ? d.getTargetDataSource() : dataSource;
        Map<String, String> sums = new TreeMap<>();
        try (Connection db = raw.getConnection(); Statement statement = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SHOW TABLES")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            try (ResultSet rows = statement.executeQuery("CHECKSUM TABLE " + String.join(", ", tables))) {
                while (rows.next()) {
                    sums.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return sums;
    }
}

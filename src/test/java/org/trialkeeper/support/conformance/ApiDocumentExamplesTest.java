package org.trialkeeper.support.conformance;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.support.Api;
import org.trialkeeper.trial.ProtocolBody;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every request body of the API document has an example, and each example is one the document
 * itself allows; the protocol example is registered by the service as it stands.
 */
@MicronautTest
class ApiDocumentExamplesTest {

    @Inject
    @Client("/")
    HttpClient http;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyRequestBodyHasAnExampleTheDocumentAllows() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        OpenAPI api = new OpenAPIV3Parser().readContents(ApiConformance.document(), null, options).getOpenAPI();
        SchemaValidator schemas = new SchemaValidator(api, new MessageResolver());
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (var path : api.getPaths().entrySet()) {
            for (Map.Entry<io.swagger.v3.oas.models.PathItem.HttpMethod, Operation> operation
                    : path.getValue().readOperationsMap().entrySet()) {
                var body = operation.getValue().getRequestBody();
                if (body == null || operation.getValue().getOperationId().equals("logout")) {
                    continue;
                }
                String name = operation.getKey() + " " + path.getKey();
                boolean anyExample = false;
                for (Map.Entry<String, MediaType> content : body.getContent().entrySet()) {
                    Object example = example(api, content.getValue());
                    if (example == null) {
                        continue;
                    }
                    anyExample = true;
                    if (content.getKey().equals("application/json")) {
                        String text = example instanceof String string ? string : JSON.writeValueAsString(example);
                        ValidationReport report = schemas.validate(text, content.getValue().getSchema(), "example");
                        report.getMessages().forEach(message -> problems.add(name + ": " + message.getMessage()));
                        checked++;
                    }
                }
                if (!anyExample) {
                    problems.add(name + ": no example");
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(true, checked > 15, "JSON examples checked: " + checked);
    }

    private static Object example(OpenAPI api, MediaType content) {
        if (content.getExample() != null) {
            return content.getExample();
        }
        if (content.getExamples() != null && !content.getExamples().isEmpty()) {
            return content.getExamples().values().iterator().next().getValue();
        }
        Schema<?> schema = content.getSchema();
        if (schema != null && schema.get$ref() != null) {
            schema = api.getComponents().getSchemas().get(schema.get$ref().substring("#/components/schemas/".length()));
        }
        return schema == null ? null : schema.getExample();
    }

    @Test
    void theProtocolExampleIsAProtocolTheServiceRegisters() {
        HttpResponse<Map> registered = Api.admin(http).exchange(HttpRequest.POST("/api/trials", ProtocolBody.EXAMPLE)
                .contentType(Api.YAML), Map.class);
        assertEquals(201, registered.code());
    }
}

package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The API's OpenAPI document, {@code /api/openapi}: valid, and listing every resource. */
@ExtendWith(Passerelle.Extension.class)
class OpenApiIT {

    private static final List<String> RESOURCES = List.of("/v1/applications", "/v1/applications/{name}",
            "/v1/applications/{name}/{role}", "/v1/entities", "/v1/gateways", "/v1/gateways/{name}/contacts", "/v1/domains",
            "/v1/routes", "/v1/access-rules", "/v1/people", "/v1/audit", "/v1/messages", "/v1/queue", "/v1/policy/explain",
            "/v1/change-requests", "/v1/greylist", "/v1/greylist/statistics", "/v1/greylist/allow-list", "/v1/greylist/allow-list/{name}", "/v1/rates",
            "/v1/incidents");

    private final Passerelle passerelle;

    OpenApiIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    private SwaggerParseResult document() throws Exception {
        HttpResponse<String> response = passerelle.server.httpClient().send(
                HttpRequest.newBuilder(passerelle.server.https("/api/openapi?format=JSON")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new OpenAPIV3Parser().readContents(response.body());
    }

    @Test
    void theDocumentIsValidOpenApiAndListsEveryResource() throws Exception {
        SwaggerParseResult parsed = document();
        assertNotNull(parsed.getOpenAPI(), String.valueOf(parsed.getMessages()));
        assertEquals(List.of(), parsed.getMessages());
        Set<String> paths = parsed.getOpenAPI().getPaths().keySet();
        for (String resource : RESOURCES) {
            assertTrue(paths.stream().anyMatch(path -> path.endsWith(resource.replace("{role}", "")) || path.endsWith(resource)),
                    resource + " not in " + paths);
        }
    }

    @Test
    void aFormsBodyIsDescribedByItsFields() throws Exception {
        OpenAPI api = document().getOpenAPI();
        Operation submit = api.getPaths().entrySet().stream().filter(path -> path.getKey().endsWith("/v1/change-requests"))
                .findFirst().orElseThrow().getValue().getPost();
        String ref = submit.getRequestBody().getContent().get("application/json").getSchema().get$ref();
        Set<String> fields = api.getComponents().getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1)).getProperties().keySet();
        assertTrue(fields.containsAll(List.of("kind", "application", "networks", "allowedSenders", "comment")), fields.toString());
    }
}

package com.stockticker.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** Operations on a port of their own, with info exposed as an operator would configure it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0", "management.endpoints.web.exposure.include=health,info,prometheus" })
@ActiveProfiles("test")
// No other class shares this server: close it afterwards rather than keep its market ticking through the suite.
@DirtiesContext
class ManagementPortIntegrationTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void actuatorAnswersOnTheManagementPortOnly() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(get(managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get(managementPort, "/actuator/prometheus").body()).contains("ticker_ticks_published_total");
        assertThat(get(port, "/actuator/health").statusCode()).isEqualTo(404);
        assertThat(get(port, "/api/quotes").statusCode()).isEqualTo(200);
    }

    @Test
    void infoCarriesTheVersionAndTheGitCommit() throws Exception {
        JsonNode info = JsonMapper.builder().build().readTree(get(managementPort, "/actuator/info").body());

        assertThat(info.get("build").get("version").asString()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(info.get("build").get("artifact").asString()).isEqualTo("stock-ticker");
        assertThat(info.get("git").get("commit").get("id").asString()).matches("[0-9a-f]{7,}");
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

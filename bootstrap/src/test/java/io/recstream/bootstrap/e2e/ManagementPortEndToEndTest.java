package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** With {@code management.server.port} set, as production should, the actuator leaves the public API port. */
class ManagementPortEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ConfigurableApplicationContext instance;

    @BeforeAll
    static void start() throws Exception {
        Map<String, Object> properties = Instances.isolated(Infrastructure.get(), "mgmt",
                Files.createTempDirectory("recstream-mgmt-"));
        properties.put("management.server.port", 0);
        instance = Instances.startInThisJvm(properties);
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    private static int status(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void theActuatorAnswersOnTheManagementPortOnly() throws Exception {
        int api = Instances.port(instance);
        int management = Integer.parseInt(instance.getEnvironment().getProperty("local.management.port"));

        assertThat(management).isNotEqualTo(api);
        assertThat(status(management, "/actuator/health/liveness")).isEqualTo(200);
        assertThat(status(management, "/actuator/prometheus")).isEqualTo(200);
        assertThat(status(api, "/actuator/health")).isEqualTo(404);
        assertThat(status(api, "/actuator/prometheus")).isEqualTo(404);
        assertThat(status(api, "/v3/api-docs")).isEqualTo(200);
    }
}

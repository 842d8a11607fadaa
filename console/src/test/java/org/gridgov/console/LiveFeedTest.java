package org.gridgov.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridgov.testkit.KafkaResource;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Live updates: a task dispatched on Kafka reaches an open console as a server-sent event naming its kind only. */
@QuarkusTest
@QuarkusTestResource(PartnerServices.class)
@QuarkusTestResource(KafkaResource.class)
class LiveFeedTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void aDispatchedTaskReachesAnOpenConsole() throws Exception {
        // not signed in: no stream
        given().get("/api/live").then().statusCode(401);
        String cookie = given().redirects().follow(false).formParam("user", "worker-1").post("/sign-in/local").then()
                .statusCode(303).extract().cookie("gridgov_token");
        HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/live")).header("Cookie", "gridgov_token=" + cookie)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    if (line.startsWith("data:") && !line.contains("ping")) {
                        return line;
                    }
                }
                return "closed";
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        // the feed reads from the end: send until the console has joined and passes one on
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!seen.isDone() && System.nanoTime() < deadline) {
            String id = UUID.randomUUID().toString();
            TopicWriter.send(bootstrap, "gridgov.escalation.task.v1", id, TopicWriter.event(id, "/gridgov/escalation-service",
                    "org.gridgov.escalation.task-dispatched.v1", id, "{\"taskId\":\"" + id + "\"}"));
            Thread.sleep(500);
        }
        String line = seen.get(1, TimeUnit.SECONDS);
        assertTrue(line.matches("data: ?task"), "got " + line);
        stream.body().close();
    }

    /** the kinds the screens react to, by the contract's type names (docs/asyncapi.yaml) */
    @Test
    void eachKindIsNamedByTheContractsType() {
        org.junit.jupiter.api.Assertions.assertEquals("task", org.gridgov.console.live.LiveFeed.kindOf("org.gridgov.escalation.task-dispatched.v1"));
        org.junit.jupiter.api.Assertions.assertEquals("warning", org.gridgov.console.live.LiveFeed.kindOf("org.gridgov.escalation.task-warning.v1"));
        org.junit.jupiter.api.Assertions.assertEquals("overdue", org.gridgov.console.live.LiveFeed.kindOf("org.gridgov.escalation.task-overdue.v1"));
        org.junit.jupiter.api.Assertions.assertEquals("report", org.gridgov.console.live.LiveFeed.kindOf("org.gridgov.event.reported.v1"));
        org.junit.jupiter.api.Assertions.assertEquals("change", org.gridgov.console.live.LiveFeed.kindOf("org.gridgov.event.closed.v1"));
    }
}

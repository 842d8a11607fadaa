package org.gridgov.systemtest;

import static org.awaitility.Awaitility.await;
import static org.gridgov.systemtest.SystemSuite.as;
import static org.gridgov.systemtest.SystemSuite.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;

import org.gridgov.testkit.suite.Suite;
import org.gridgov.testkit.suite.Suite.Service;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

/**
 * Two replicas of escalation-service, as deploy/ runs them: a calendar edited through one is used
 * by the other at once, so a deadline does not depend on which replica computed it.
 */
class ReplicaSystemTest {

    @Test
    void aCalendarEditOnOneReplicaReachesTheOther() {
        Suite suite = SystemSuite.get();
        String admin = token("admin", "admin");
        try (Suite.Replica second = suite.launchReplica(Service.ESCALATION, Duration.ofSeconds(120))) {
            // Monday 4 February 2030, 10:00 in Shanghai; both replicas compute it, so both have the calendar cached
            String first = deadline(suite.url(Service.ESCALATION), admin);
            assertEquals(first, deadline(second.url(), admin));
            as(Service.ESCALATION, admin).body("{\"days\":[" + holiday("2030-02-04") + "," + holiday("2030-02-05") + ","
                    + holiday("2030-02-06") + "," + holiday("2030-02-07") + "," + holiday("2030-02-08") + "]}")
                    .put("/calendar/2030").then().statusCode(200);
            String moved = deadline(suite.url(Service.ESCALATION), admin);
            assertNotEquals(first, moved);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(moved, deadline(second.url(), admin),
                    "the other replica's deadline"));
        }
    }

    private static String holiday(String date) {
        return "{\"date\":\"" + date + "\",\"kind\":\"HOLIDAY\",\"name\":\"测试假期\"}";
    }

    private static String deadline(String url, String token) {
        return RestAssured.given().baseUri(url).auth().oauth2(token).queryParam("from", "2030-02-04T02:00:00Z")
                .queryParam("workingDays", 3).get("/calendar/deadline").then().statusCode(200).extract().path("deadline");
    }

    /** Outside the local run (here: the prod profile) a service keeping personal data refuses the repository's key. */
    @Test
    void aServiceWithTheRepositorysPersonalDataKeyRefusesToStartOutsideTheLocalRun() throws Exception {
        Suite suite = SystemSuite.get();
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> suite.launchReplica(Service.EVENT, Duration.ofSeconds(120), java.util.Map.of("QUARKUS_PROFILE", "prod")).close());
        org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains("did not get ready"), refused.getMessage());
        try (var logs = java.nio.file.Files.list(suite.logFile(Service.EVENT).getParent())) {
            String all = logs.filter(f -> f.getFileName().toString().startsWith("event-service-")).map(f -> {
                try {
                    return java.nio.file.Files.readString(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).reduce("", String::concat);
            org.junit.jupiter.api.Assertions.assertTrue(all.contains("gridgov.pii.key is the key published in the repository"),
                    "the refusal names the key in the log");
        }
    }
}

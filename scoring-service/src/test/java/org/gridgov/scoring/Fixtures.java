package org.gridgov.scoring;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicWriter;

import io.cloudevents.CloudEvent;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Tokens, lifecycle events as event-service publishes them, and short-hands for the API. */
final class Fixtures {
    static final String SCORER = JwtKeys.forTests().token("scorer-1", java.util.Set.of("scorer"),
            java.util.Map.of("district", List.of("350182", "350197", "350198", "350199", "350100")));
    /** audits what scorer-1 records: the recorder of an entry never audits it */
    static final String AUDITOR = JwtKeys.forTests().token("scorer-2", java.util.Set.of("scorer"),
            java.util.Map.of("district", List.of("350182", "350197", "350198", "350199", "350100")));
    static final String SUPERVISOR = JwtKeys.forTests().token("supervisor-1", java.util.Set.of("supervisor"),
            java.util.Map.of("district", List.of("350182", "350197", "350198", "350199", "350100")));
    static final String ADMIN = JwtKeys.forTests().token("admin-1", "admin");
    static final String RESIDENT = JwtKeys.forTests().token("resident-1", "resident");

    private Fixtures() {
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** A lifecycle record with the fields scoring reads. */
    static CloudEvent lifecycle(String ceId, EventType type, String eventId, String previous, String grid, String reporter,
            String satisfaction, Boolean onTime, String occurredAt) {
        String json = ("{\"eventId\":\"%s\",\"status\":\"X\",\"previousStatus\":%s,\"category\":\"environment.garbage\","
                + "\"gridCode\":%s,\"reporterId\":%s,\"satisfaction\":%s,\"onTime\":%s,\"note\":\"n\","
                + "\"reportedAt\":\"%s\",\"occurredAt\":\"%s\",\"someFutureField\":1}").formatted(eventId, q(previous), q(grid),
                        q(reporter), q(satisfaction), onTime, occurredAt, occurredAt);
        return TopicWriter.event(ceId, "/gridgov/event-service", type.type(), eventId, json);
    }

    static void send(CloudEvent e) {
        TopicWriter.send(bootstrap(), Topics.EVENT_LIFECYCLE, e.getSubject(), e);
    }

    private static String q(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    static String uid() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static void register(String subject, Map<String, Object> body) {
        as(SCORER).body(body).put("/subjects/" + subject).then().statusCode(200);
    }

    /** Records a bonus (or penalty when points are negative) and returns its id. */
    static String bonus(String subject, int points, String occurredAt) {
        return bonus(subject, points, occurredAt, null);
    }

    static String bonus(String subject, int points, String occurredAt, String indicator) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("subject", subject, "rule", points > 0 ? "manual-bonus@1" : "manual-penalty@1",
                "points", Math.abs(points), "reason", "试点工作", "evidence", List.of("https://files.example/e/" + uid() + ".jpg"),
                "occurredAt", occurredAt, "place", "东山社区"));
        if (indicator != null) {
            body.put("indicator", indicator);
        }
        return as(SCORER).body(body).post("/ledger/entries").then().statusCode(201).extract().path("id");
    }

    static ValidatableResponse decide(String month, Map<String, Object> body) {
        return as(AUDITOR).body(body).post("/audits/" + month + "/decisions").then();
    }

    static void approveAllAndLock(String month) {
        decide(month, Map.of("decision", "APPROVED", "all", true)).statusCode(200);
        as(SUPERVISOR).post("/audits/" + month + "/lock").then().statusCode(200);
    }
}

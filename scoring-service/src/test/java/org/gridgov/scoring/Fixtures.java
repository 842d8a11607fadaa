package org.gridgov.scoring;

import static io.restassured.RestAssured.given;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.EventLifecycleV1;
import org.gridgov.testkit.JwtKeys;
import org.gridgov.testkit.TopicWriter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cloudevents.CloudEvent;
import io.quarkus.arc.Arc;
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

    /** the service's own ObjectMapper: payloads as the contract records serialize */
    static ObjectMapper json() {
        return Arc.container().instance(ObjectMapper.class).get();
    }

    /** a contract payload as JSON, serialized with the service's ObjectMapper */
    static String json(Object payload) {
        try {
            return json().writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A lifecycle payload with the fields scoring reads (the contract record event-service publishes). */
    static EventLifecycleV1 fact(String eventId, String status, String previous, String grid, String reporter, String actor,
            String satisfaction, Boolean onTime, String occurredAt) {
        OffsetDateTime t = occurredAt == null ? null : OffsetDateTime.parse(occurredAt);
        return new EventLifecycleV1(UUID.fromString(eventId), status, previous, "environment.garbage", null, null, null, grid, null, null,
                reporter, actor, "n", null, null, satisfaction, onTime, t, t, null, null, null, null, null, null);
    }

    /** A lifecycle message of the payload, as a CloudEvent. */
    static CloudEvent lifecycle(String ceId, EventType type, EventLifecycleV1 payload) {
        return TopicWriter.event(ceId, "/gridgov/event-service", type.type(), payload.eventId().toString(), json(payload));
    }

    /** A lifecycle record with the fields scoring reads, and a field a later minor version may add (consumers ignore it). */
    static CloudEvent lifecycle(String ceId, EventType type, String eventId, String previous, String grid, String reporter,
            String satisfaction, Boolean onTime, String occurredAt) {
        ObjectNode node = json().valueToTree(fact(eventId, "X", previous, grid, reporter, null, satisfaction, onTime, occurredAt));
        node.put("someFutureField", 1);
        return TopicWriter.event(ceId, "/gridgov/event-service", type.type(), eventId, node.toString());
    }

    static void send(CloudEvent e) {
        TopicWriter.send(bootstrap(), Topics.EVENT_LIFECYCLE, e.getSubject(), e);
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

package org.gridgov.common.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.EventLifecycleV1;
import org.gridgov.common.contract.payload.TaskDeadlineV1;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

class HandlersTest {
    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());

    static CloudEvent event(EventType type, String json) {
        return CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withSource(URI.create("/test")).withType(type.type())
                .withData("application/json", json.getBytes(StandardCharsets.UTF_8)).build();
    }

    @Test
    void eachTypeReachesItsHandlerWithItsPayloadRecord() throws Exception {
        List<String> seen = new ArrayList<>();
        UUID id = UUID.randomUUID();
        Handlers h = Handlers.create()
                .onEvery(Topics.EVENT_LIFECYCLE, EventLifecycleV1.class, (e, env) -> seen.add(env.type() + " " + e.eventId() + " " + e.status()))
                .on(EventType.TASK_WARNING, TaskDeadlineV1.class, (d, env) -> seen.add("warning " + d.eventId()));
        h.dispatch(Topics.EVENT_LIFECYCLE, event(EventType.EVENT_ACCEPTED, "{\"eventId\":\"" + id + "\",\"status\":\"ACCEPTED\"}"), MAPPER);
        h.dispatch(Topics.ESCALATION_TASKS, event(EventType.TASK_WARNING, "{\"eventId\":\"" + id + "\"}"), MAPPER);
        // a type nobody declared is skipped
        h.dispatch(Topics.ESCALATION_TASKS, event(EventType.TASK_OVERDUE, "{\"eventId\":\"" + id + "\"}"), MAPPER);
        assertEquals(List.of("EVENT_ACCEPTED " + id + " ACCEPTED", "warning " + id), seen);
    }

    @Test
    void anUnreadablePayloadOrAnUndeclaredTypeOnAnInboundTopicIsRejected() {
        Handlers h = Handlers.create().on(EventType.TASK_WARNING, TaskDeadlineV1.class, (d, env) -> { })
                .rejectingOthers("not a task type");
        RejectedMessage unreadable = assertThrows(RejectedMessage.class,
                () -> h.dispatch("t", event(EventType.TASK_WARNING, "{\"eventId\":\"not-a-uuid\"}"), MAPPER));
        assertTrue(unreadable.getMessage().startsWith("not a TaskDeadlineV1"), unreadable.getMessage());
        RejectedMessage other = assertThrows(RejectedMessage.class,
                () -> h.dispatch("t", event(EventType.TASK_OVERDUE, "{}"), MAPPER));
        assertTrue(other.getMessage().startsWith("not a task type: unknown type"), other.getMessage());
    }

    @Test
    void aHandlerMustTakeItsTypesPayloadAndOneTypeHasOneHandler() {
        assertThrows(IllegalArgumentException.class,
                () -> Handlers.create().on(EventType.TASK_WARNING, EventLifecycleV1.class, (e, env) -> { }));
        assertThrows(IllegalArgumentException.class, () -> Handlers.create()
                .on(EventType.TASK_WARNING, TaskDeadlineV1.class, (d, env) -> { })
                .on(EventType.TASK_WARNING, TaskDeadlineV1.class, (d, env) -> { }));
    }
}

package org.gridgov.common.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.gridgov.common.contract.payload.CoverageReachedV1;
import org.gridgov.common.contract.payload.Payload;
import org.gridgov.common.contract.payload.TaskDispatchedV1;
import org.gridgov.common.contract.payload.TypedPayload;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class PayloadTest {
    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void everyPayloadRecordKnowsItsKeyAndAOneTypePayloadItsType() {
        for (EventType t : EventType.values()) {
            assertEquals(true, Payload.class.isAssignableFrom(t.payloadClass()), t + ": " + t.payloadClass());
            long types = Arrays.stream(EventType.values()).filter(o -> o.payloadClass() == t.payloadClass()).count();
            assertEquals(types == 1, TypedPayload.class.isAssignableFrom(t.payloadClass()),
                    t.payloadClass().getSimpleName() + " is carried by " + types + " type(s)");
        }
        UUID event = UUID.randomUUID();
        TaskDispatchedV1 d = new TaskDispatchedV1(UUID.randomUUID(), event, "c", null, "GRID:1", Tier.GRID, "r", "why",
                OffsetDateTime.now(), OffsetDateTime.now(), List.of(), null, TaskKind.DISPATCH);
        assertEquals(EventType.TASK_DISPATCHED, d.eventType());
        assertEquals(event.toString(), d.key());
        assertEquals(event.toString(), d.subject());
        CoverageReachedV1 c = new CoverageReachedV1("350182001001001", "2026-11", 12, OffsetDateTime.now());
        assertEquals("350182001001001", c.key());
        assertEquals("350182001001001:2026-11", c.subject());
        // people share the compacted registry topic with grids: their keys never collide with a grid code
        var p = new org.gridgov.common.contract.payload.PersonUpsertedV1("350182001001001", "CADRE", "CADRE_SECRETARY", "ACTIVE",
                List.of("350182001001001"), OffsetDateTime.now());
        assertEquals("person:350182001001001", p.key());
        assertEquals("350182001001001", p.subject());
        assertEquals(EventType.PERSON_UPSERTED, p.eventType());
    }

    /** the five classes by code, or by the number the seeds give them (C1..C5); nothing else */
    @Test
    void aCadreClassIsReadByItsCodeOrItsNumber() {
        assertEquals(java.util.Optional.of(CadreClass.CADRE_SECRETARY), CadreClass.of("C1"));
        assertEquals(java.util.Optional.of(CadreClass.PARTY_MEMBER_MOBILE), CadreClass.of("c5"));
        assertEquals(java.util.Optional.of(CadreClass.PARTY_MEMBER), CadreClass.of("PARTY_MEMBER"));
        assertEquals(java.util.Optional.empty(), CadreClass.of("C6"));
        assertEquals(java.util.Optional.empty(), CadreClass.of("party_member"));
        assertEquals(java.util.Optional.empty(), CadreClass.of(null));
    }

    /** key, subject and type are the message's, not the payload's: they are not serialised into it. */
    @Test
    void theJsonHasExactlyTheRecordsComponents() throws Exception {
        TaskDispatchedV1 d = new TaskDispatchedV1(UUID.randomUUID(), UUID.randomUUID(), "c", null, "GRID:1", Tier.GRID, "r", "why",
                OffsetDateTime.now(), OffsetDateTime.now(), List.of(), null, TaskKind.DISPATCH);
        JsonNode json = MAPPER.readTree(MAPPER.writeValueAsString(d));
        Set<String> fields = new TreeSet<>();
        json.fieldNames().forEachRemaining(fields::add);
        Set<String> components = Arrays.stream(TaskDispatchedV1.class.getRecordComponents()).map(r -> r.getName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(components, fields);
    }

    /** the enums keep the wire values of the strings they replaced, and read them back */
    @Test
    void enumsTravelAsTheirNames() throws Exception {
        TaskDispatchedV1 d = new TaskDispatchedV1(UUID.randomUUID(), UUID.randomUUID(), "c", null, "DEPT:police", Tier.STREET, "r",
                "why", OffsetDateTime.now(), OffsetDateTime.now(), List.of(), "GRID:1", TaskKind.ESCALATION);
        JsonNode json = MAPPER.readTree(MAPPER.writeValueAsString(d));
        assertEquals("STREET", json.path("tier").asText());
        assertEquals("ESCALATION", json.path("kind").asText());
        TaskDispatchedV1 back = MAPPER.readValue("{\"taskId\":\"" + d.taskId() + "\",\"eventId\":\"" + d.eventId()
                + "\",\"handlerUnit\":\"GRID:1\",\"tier\":\"COMMUNITY\",\"kind\":\"REROUTE\"}", TaskDispatchedV1.class);
        assertEquals(Tier.COMMUNITY, back.tier());
        assertEquals(TaskKind.REROUTE, back.kind());
    }
}

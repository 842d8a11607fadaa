package org.gridgov.escalation;

import static org.awaitility.Awaitility.await;
import static org.gridgov.escalation.DispatchTest.bootstrap;
import static org.gridgov.escalation.DispatchTest.lifecycle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.escalation.task.SlaClock;
import org.gridgov.testkit.TopicReader;
import org.gridgov.testkit.TopicWriter;
import org.junit.jupiter.api.Test;

import io.cloudevents.CloudEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Item types (#20.4): while an event waits for the reporter's material (补办件) or is parked (挂账) its task's clock stands:
 * no warning or overdue fires, and when it runs again the deadline moves by the time it stood (task-deadline-changed).
 */
@QuarkusTest
class ClockPauseTest {
    @Inject
    EntityManager em;

    @Inject
    SlaClock sla;

    void processed(CloudEvent ce) {
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery("select count(*) from inbox_message where event_id = ?1 and consumer = 'escalation-service.event-lifecycle'")
                        .setParameter(1, ce.getId()).getSingleResult()).intValue() > 0));
    }

    /** deadline and paused_at of the event's open task */
    Object[] task(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select deadline, paused_at, overdue_at from task where event_id = ?1 and status = 'OPEN'")
                .setParameter(1, UUID.fromString(eventId)).getSingleResult());
    }

    static OffsetDateTime at(Object o) {
        return o == null ? null : o instanceof OffsetDateTime t ? t
                : o instanceof java.time.Instant i ? i.atOffset(java.time.ZoneOffset.UTC)
                : ((java.sql.Timestamp) o).toInstant().atOffset(java.time.ZoneOffset.UTC);
    }

    void send(String id, CloudEvent ce) {
        TopicWriter.send(bootstrap(), Topics.EVENT_LIFECYCLE, id, ce);
        processed(ce);
    }

    @Test
    void waitingForMaterialOrParkedStopsTheClockAndTheDeadlineMovesByTheTimeItStood() throws Exception {
        for (EventType[] pair : new EventType[][] { { EventType.EVENT_MATERIAL_REQUESTED, EventType.EVENT_MATERIAL_WAIT_ENDED },
                { EventType.EVENT_PARKED, EventType.EVENT_UNPARKED } }) {
            String id = UUID.randomUUID().toString();
            send(id, lifecycle(EventType.EVENT_ACCEPTED, id, "ACCEPTED"));
            OffsetDateTime before = at(task(id)[0]);
            assertNull(task(id)[1]);
            send(id, lifecycle(pair[0], id, pair[0] == EventType.EVENT_PARKED ? "PARKED" : "WAITING_MATERIAL"));
            assertNotNull(task(id)[1], "the clock stands: " + pair[0]);
            // however late it is, a standing clock fires nothing
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update task set deadline = now() - interval '1 hour', "
                    + "warn_at = now() - interval '2 hours' where event_id = ?1 and status = 'OPEN'").setParameter(1, UUID.fromString(id))
                    .executeUpdate());
            OffsetDateTime late = at(task(id)[0]);
            sla.tick();
            assertNull(task(id)[2], "no overdue while the clock stands");
            Thread.sleep(1200);
            send(id, lifecycle(pair[1], id, "IN_PROGRESS"));
            Object[] after = task(id);
            assertNull(after[1], "the clock runs again: " + pair[1]);
            Duration moved = Duration.between(late, at(after[0]));
            assertTrue(moved.compareTo(Duration.ofMillis(1200)) >= 0 && moved.compareTo(Duration.ofMinutes(1)) < 0,
                    "the deadline moved by the time the clock stood: " + moved + " (first deadline " + before + ")");
            List<TopicReader.Received> changed = TopicReader.read(bootstrap(), Topics.ESCALATION_TASKS,
                    r -> id.equals(r.key()) && EventType.TASK_DEADLINE_CHANGED.type().equals(r.event().getType()), 1,
                    Duration.ofSeconds(20));
            assertEquals(1, changed.size());
        }
    }
}

package org.gridgov.common.messaging;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.gridgov.common.contract.EventType;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;

/**
 * A consumer's declaration: which CloudEvents types it handles, each with a handler that receives
 * the payload record. A type not declared is skipped (consumers ignore what they do not know),
 * unless {@link #rejectingOthers(String)} says that on this consumer's topics an unknown type is
 * a sender's mistake, to be dead-lettered. A payload that cannot be read as its record is
 * dead-lettered at once.
 *
 * <pre>
 * consumers.subscribe(TaskConsumer.NAME, List.of(Topics.ESCALATION_TASKS), Handlers.create()
 *         .on(EventType.TASK_DISPATCHED, TaskDispatchedV1.class, (task, e) -&gt; events.dispatched(task))
 *         .on(EventType.TASK_DEADLINE_CHANGED, TaskDeadlineV1.class, (d, e) -&gt; events.deadlineChanged(d)));
 * </pre>
 */
public final class Handlers {
    private final Map<EventType, PayloadHandler<Object>> byType = new EnumMap<>(EventType.class);
    private String rejectOthers;

    private Handlers() {
    }

    public static Handlers create() {
        return new Handlers();
    }

    /** Handles one type; {@code payload} must be the type's payload record. */
    @SuppressWarnings("unchecked")
    public <T> Handlers on(EventType type, Class<T> payload, PayloadHandler<? super T> handler) {
        if (!type.payloadClass().equals(payload)) {
            throw new IllegalArgumentException(type + " carries " + type.payloadClass().getSimpleName() + ", not " + payload.getSimpleName());
        }
        if (byType.putIfAbsent(type, (PayloadHandler<Object>) handler) != null) {
            throw new IllegalArgumentException(type + " has a handler already");
        }
        return this;
    }

    /** Handles every type of one topic that carries {@code payload}, with one handler ({@link Envelope#type()} tells them apart). */
    public <T> Handlers onEvery(String topic, Class<T> payload, PayloadHandler<? super T> handler) {
        boolean any = false;
        for (EventType t : EventType.values()) {
            if (t.topic().equals(topic) && t.payloadClass().equals(payload)) {
                on(t, payload, handler);
                any = true;
            }
        }
        if (!any) {
            throw new IllegalArgumentException("no type on " + topic + " carries " + payload.getSimpleName());
        }
        return this;
    }

    /** A type not declared here is dead-lettered with this reason, not skipped. */
    public Handlers rejectingOthers(String reason) {
        this.rejectOthers = reason;
        return this;
    }

    /** Whether the event has a handler here or must be rejected here: otherwise it is skipped. */
    boolean wants(CloudEvent event) {
        return rejectOthers != null || EventType.ofType(event.getType()).map(byType::containsKey).orElse(false);
    }

    /** Runs the handler of the event's type, if any. */
    void dispatch(String topic, CloudEvent event, ObjectMapper mapper) throws Exception {
        Optional<EventType> type = EventType.ofType(event.getType());
        PayloadHandler<Object> handler = type.map(byType::get).orElse(null);
        if (handler == null) {
            if (rejectOthers != null) {
                throw new RejectedMessage(rejectOthers + ": unknown type " + event.getType());
            }
            return;
        }
        EventType t = type.get();
        Object payload;
        try {
            if (event.getData() == null) {
                throw new IOException("no data");
            }
            payload = mapper.readValue(event.getData().toBytes(), t.payloadClass());
        } catch (IOException e) {
            throw new RejectedMessage("not a " + t.payloadClass().getSimpleName() + ": " + e.getMessage());
        }
        handler.handle(payload, new Envelope(t, event.getId(), String.valueOf(event.getSource()), event.getSubject(),
                event.getTime(), topic));
    }
}

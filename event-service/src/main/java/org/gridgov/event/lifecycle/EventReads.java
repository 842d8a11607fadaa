package org.gridgov.event.lifecycle;

import java.util.List;
import java.util.UUID;

import org.gridgov.common.problem.ProblemException;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/** Reads of an event and what hangs on it: its timeline, its evidence, its duplicates. */
@ApplicationScoped
public class EventReads {

    /**
     * The event, locked for update (the actions that follow change it).
     *
     * @throws ProblemException 404 when there is no such event
     */
    public EventRecord load(UUID id) {
        EventRecord e = EventRecord.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (e == null) {
            throw ProblemException.notFound("event " + id);
        }
        return e;
    }

    /** Whether the user reported a duplicate that was merged into this event. */
    public boolean reportedDuplicate(UUID eventId, String user) {
        return EventRecord.count("mergedInto = ?1 and reporterId = ?2", eventId, user) > 0;
    }

    public List<TimelineEntry> timeline(UUID id) {
        // by time, then id: ids come in blocks per replica, so only within one replica are they in order
        return TimelineEntry.list("eventId", Sort.by("at").and("id"), id);
    }

    public List<EvidenceEntry> evidence(UUID id) {
        return EvidenceEntry.list("eventId", Sort.by("id"), id);
    }

    public List<UUID> duplicatesOf(UUID id) {
        return EventRecord.<EventRecord>list("mergedInto", Sort.by("reportedAt"), id).stream().map(d -> d.id).toList();
    }
}

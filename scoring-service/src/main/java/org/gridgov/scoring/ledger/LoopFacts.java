package org.gridgov.scoring.ledger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.payload.EventLifecycleV1;
import org.gridgov.scoring.rules.Fact;

/**
 * The facts of the loop a lifecycle transition carries: what happened, who it can score (the person, and the
 * event's grid, community and street, one subject per type: a rule picks its type), the key that makes it count
 * once, and the evidence that stands behind it.
 * <p>
 * Keys: a report, a solution on the spot and a closure happen once per event (the event id). A rework and a
 * reopening can happen several times; each is the transition of its event at its time ({@code occurredAt}, the
 * time event-service wrote on the timeline), so a copy of the message re-published under a new CloudEvent id is the
 * same fact. Only a message without {@code occurredAt} (event-service always sets it) falls back to its CloudEvent id.
 * <p>
 * Evidence: a solution on the spot is accepted by event-service only with at least one photo, kept on the event's
 * timeline; its reference is {@code event:<id>#solved-on-spot}. The other lifecycle facts carry none: a rule version
 * that requires evidence refuses them (recorded as refused facts, never dropped silently).
 */
public final class LoopFacts {
    private LoopFacts() {
    }

    /**
     * A fact of the loop.
     *
     * @param subjects the subject of each type it can score, e.g. {@code GRID -> GRID:350182402001001}; the first is
     *                 the one an {@code ANY} rule scores
     */
    public record LoopFact(Fact fact, Map<String, String> subjects, String level, String factKey, List<String> evidence) {
        /** The subject a rule scoring {@code subjectType} credits, or null when the fact names none of that type. */
        public String subjectFor(String subjectType) {
            if ("ANY".equals(subjectType)) {
                return subjects.values().stream().findFirst().orElse(null);
            }
            return subjects.get(subjectType);
        }
    }

    /** The facts a lifecycle transition carries. */
    public static List<LoopFact> of(String cloudEventId, EventType type, EventLifecycleV1 e) {
        List<LoopFact> out = new ArrayList<>();
        String event = String.valueOf(e.eventId());
        Map<String, String> place = place(e);
        switch (type) {
            case EVENT_ACCEPTED -> {
                // 立案: a valid report. Hotline callers (12345:…) and partner systems (partner:…) are not users with accounts.
                if (isUser(e.reporterId())) {
                    out.add(new LoopFact(Fact.VALID_REPORT, with("USER:" + e.reporterId(), place), null, event, List.of()));
                }
            }
            case EVENT_SOLVED_ON_SPOT -> {
                // 即办件: the grid worker who fixed it on the spot, with the photos event-service required
                if (e.actor() != null && !e.actor().isBlank()) {
                    out.add(new LoopFact(Fact.SOLVED_ON_SPOT, with("USER:" + e.actor(), place), null, event,
                            List.of("event:" + event + "#solved-on-spot")));
                }
            }
            case EVENT_CLOSED -> {
                if (!place.isEmpty()) {
                    // 回访未果 (followUpOutcome NO_ANSWER): nobody rated it, so no satisfaction level and no points for one
                    out.add(new LoopFact(Fact.CLOSED, place, "NO_ANSWER".equals(e.followUpOutcome()) ? null : e.satisfaction(), event,
                            List.of()));
                    if (Boolean.TRUE.equals(e.onTime())) {
                        out.add(new LoopFact(Fact.RESOLVED_ON_TIME, place, null, event, List.of()));
                    } else if (Boolean.FALSE.equals(e.onTime())) {
                        out.add(new LoopFact(Fact.OVERDUE, place, null, event, List.of()));
                    }
                }
            }
            case EVENT_REWORK_REQUESTED -> {
                if (!place.isEmpty()) {
                    out.add(new LoopFact(Fact.REWORK, place, null, transitionKey("rework", e, cloudEventId), List.of()));
                }
            }
            case EVENT_REOPENED -> {
                if (!place.isEmpty()) {
                    out.add(new LoopFact(Fact.REOPENED, place, e.satisfaction() == null ? "DISSATISFIED" : e.satisfaction(),
                            transitionKey("reopen", e, cloudEventId), List.of()));
                }
            }
            default -> {
            }
        }
        return out;
    }

    /** {@code rework:<event id>@<occurredAt in UTC>}: one transition of one event, whatever message carried it. */
    static String transitionKey(String kind, EventLifecycleV1 e, String cloudEventId) {
        return e.occurredAt() == null ? cloudEventId : kind + ":" + e.eventId() + "@" + e.occurredAt().toInstant();
    }

    static boolean isUser(String reporterId) {
        return reporterId != null && !reporterId.isBlank() && !reporterId.contains(":");
    }

    /** The event's grid, community and street (the community and street from the payload, else the grid code's first 12 and 9 digits). */
    static Map<String, String> place(EventLifecycleV1 e) {
        Map<String, String> out = new LinkedHashMap<>();
        String grid = e.gridCode() == null || e.gridCode().isBlank() ? null : e.gridCode();
        String community = e.communityCode() != null ? e.communityCode() : grid != null && grid.length() >= 12 ? grid.substring(0, 12) : null;
        String street = e.streetCode() != null ? e.streetCode() : grid != null && grid.length() >= 9 ? grid.substring(0, 9) : null;
        if (grid != null) {
            out.put("GRID", "GRID:" + grid);
        }
        if (community != null && !community.isBlank()) {
            out.put("COMMUNITY", "COMMUNITY:" + community);
        }
        if (street != null && !street.isBlank()) {
            out.put("STREET", "STREET:" + street);
        }
        return out;
    }

    private static Map<String, String> with(String user, Map<String, String> place) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("USER", user);
        out.putAll(place);
        return out;
    }
}

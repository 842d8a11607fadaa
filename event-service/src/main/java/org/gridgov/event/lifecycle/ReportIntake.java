package org.gridgov.event.lifecycle;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.gridgov.common.contract.Channel;
import org.gridgov.common.contract.ItemType;
import org.gridgov.common.contract.payload.VisitProblemFoundV1;
import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.event.category.Categories;
import org.gridgov.event.category.Category;
import org.gridgov.event.evidence.Evidence;
import org.gridgov.event.evidence.EvidencePolicy;
import org.gridgov.event.lifecycle.TimelineWriter.Planned;
import org.gridgov.event.lifecycle.TimelineWriter.Step;
import org.gridgov.event.replica.GridLocator;
import org.hibernate.Session;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Report intake, whatever the channel (REST through {@link Intake}, Open311, partner systems, household visits):
 * one event per reporter and idempotency key, checked, located, merged into the first report of the same problem,
 * accepted on intake (立案) where its channel needs no screening, and closed at once when it was solved on the spot
 * (即办件). What a channel checks itself is done before; 立案 by staff is {@link LifecycleActions#decide}.
 */
@ApplicationScoped
public class ReportIntake {
    private static final String SELF = TimelineWriter.SELF;

    @Inject
    TimelineWriter timeline;

    @Inject
    GridLocator locator;

    @Inject
    Categories categories;

    @Inject
    EvidencePolicy evidencePolicy;

    @Inject
    IntakePolicy intakePolicy;

    @Inject
    Duplicates duplicates;

    @Inject
    EntityManager em;

    /**
     * @param steps    the timeline written by this intake (empty for an idempotent retry)
     * @param evidence the evidence written by this intake
     */
    public record Reported(EventRecord event, boolean created, List<TimelineEntry> steps, List<EvidenceEntry> evidence) {
        Reported(EventRecord event) {
            this(event, false, List.of(), List.of());
        }
    }

    /**
     * A report from any channel, as intake sees it once the channel's own checks are done.
     *
     * @param reporter       the reporter's opaque id (a user, {@code 12345:<ticket>}, {@code partner:<code>})
     * @param idempotencyKey with the reporter, makes retries safe (null: none)
     * @param requestHash    SHA-256 of what was sent; a retry with another body is refused
     * @param gridCode       already known (a visit names its household's grid); null: locate the point
     */
    public record NewReport(String category, String description, Double latitude, Double longitude, String address,
            Channel channel, String reporter, String idempotencyKey, String requestHash, OffsetDateTime reportedAt,
            List<Evidence> evidence, String gridCode, String communityCode, String streetCode) {
    }

    /** Fields a channel adds to the new event (the hotline's caller, the partner's ids). */
    @FunctionalInterface
    public interface Extra {
        void apply(EventRecord e);
    }

    /**
     * A report with what its channel adds: the new event's extra fields and a solution on the spot (即办件).
     *
     * @param patroller a grid worker's jurisdiction when she reports on patrol or solved it on the spot: the
     *                  report is taken as screened only inside it ({@link PatrolRemit}); null for other reports
     */
    public record Submission(NewReport report, Extra extra, Requests.SolvedOnSpot onSpot, org.gridgov.common.security.Jurisdiction patroller) {
        public Submission(NewReport report, Extra extra, Requests.SolvedOnSpot onSpot) {
            this(report, extra, onSpot, null);
        }

        /** reporter and idempotency key, or null when the report has no key */
        public Key key() {
            return report.idempotencyKey() == null ? null : new Key(report.reporter(), report.idempotencyKey());
        }
    }

    /** One submission per reporter and idempotency key. */
    public record Key(String reporter, String idempotencyKey) {
    }

    /** What became of one submission: its event, or the problem that refused it (and nothing else). */
    public record Outcome(Reported reported, ProblemException refused) {
        public Reported get() {
            if (refused != null) {
                throw refused;
            }
            return reported;
        }
    }

    /**
     * Takes a report: one event per reporter and idempotency key. Then, in the same transaction: a
     * duplicate is merged into the first report of the same problem; a channel that needs no
     * screening is accepted (立案); a problem solved on the spot is resolved, verified and closed.
     *
     * @throws ProblemException 400 for an unknown category, another county's category or bad evidence, 422 for a reused
     *                          idempotency key with another body
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Reported intake(NewReport r, Extra extra, Requests.SolvedOnSpot onSpot) {
        return intakeAll(List.of(new Submission(r, extra, onSpot))).get(0).get();
    }

    /**
     * Takes several reports in the caller's transaction, as {@link #intake} takes one: the reports
     * that arrived together share the probes, the inserts and the commit (group commit, see
     * {@link IntakeBatcher}). A report that is refused is refused alone; the others are taken. The
     * idempotency keys of one call must differ: a retry is answered with the event its first
     * submission created, which must therefore be written already.
     *
     * @return one outcome per submission, in order
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Outcome> intakeAll(List<Submission> batch) {
        Set<Key> keys = new java.util.HashSet<>();
        for (Submission s : batch) {
            if (s.key() != null && !keys.add(s.key())) {
                throw new IllegalArgumentException("two submissions with the idempotency key of " + s.key());
            }
        }
        Outcome[] out = new Outcome[batch.size()];
        java.util.Map<Key, Earlier> earlier = earlier(keys);
        List<EventRecord> fresh = new java.util.ArrayList<>();
        List<Integer> freshAt = new java.util.ArrayList<>();
        List<String> placeNotes = new java.util.ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Submission s = batch.get(i);
            try {
                Earlier first = s.key() == null ? null : earlier.get(s.key());
                if (first != null) {
                    out[i] = new Outcome(retried(first, s.report()), null);
                } else {
                    EventRecord e = newEvent(s);
                    String placeNote = locate(e, s.report());
                    categories.checkCounty(e.category, org.gridgov.common.security.Jurisdiction.countyOf(e.gridCode), "category");
                    PatrolRemit.checkOnSpot(s, e);
                    fresh.add(e);
                    freshAt.add(i);
                    placeNotes.add(placeNote);
                }
            } catch (ProblemException refused) {
                out[i] = new Outcome(null, refused);
            }
        }
        // a problem solved on the spot is nobody's duplicate
        List<EventRecord> mergeable = new java.util.ArrayList<>();
        for (int k = 0; k < fresh.size(); k++) {
            mergeable.add(batch.get(freshAt.get(k)).onSpot() == null ? fresh.get(k) : null);
        }
        List<Optional<UUID>> firsts = duplicates.firstReportsOf(mergeable);
        List<Planned> planned = new java.util.ArrayList<>();
        int[] stepsOf = new int[fresh.size()];
        for (int k = 0; k < fresh.size(); k++) {
            List<Planned> p = plan(fresh.get(k), batch.get(freshAt.get(k)), placeNotes.get(k), firsts.get(k));
            stepsOf[k] = p.size();
            planned.addAll(p);
        }
        // table by table, so that each table's rows go in one JDBC batch: the events first, as the rest refer to them
        fresh.forEach(e -> e.persist());
        List<Step> written = timeline.writeAll(planned);
        int next = 0;
        for (int k = 0; k < fresh.size(); k++) {
            List<TimelineEntry> steps = new java.util.ArrayList<>();
            List<EvidenceEntry> evidence = new java.util.ArrayList<>();
            for (Step step : written.subList(next, next + stepsOf[k])) {
                keep(steps, evidence, step);
            }
            next += stepsOf[k];
            out[freshAt.get(k)] = new Outcome(new Reported(fresh.get(k), true, steps, evidence), null);
        }
        return List.of(out);
    }

    /** An event written before under an idempotency key: its id and the hash of the request that created it. */
    private record Earlier(UUID id, String requestHash) {
    }

    /** The answer to a retry: the event it created the first time, unless this is a different request under the same key. */
    private static Reported retried(Earlier first, NewReport r) {
        if (first.requestHash() != null && r.requestHash() != null && !first.requestHash().equals(r.requestHash())) {
            throw new ProblemException(422, "Idempotency key reused", "this Idempotency-Key created event " + first.id()
                    + " from a different request; use a new key for a new report",
                    List.of(new Problem.FieldError("Idempotency-Key", "already used for a different request")));
        }
        return new Reported(EventRecord.findById(first.id()));
    }

    /** The new event as reported and checked (category, place given, evidence); it is located and written later. */
    private EventRecord newEvent(Submission s) {
        NewReport r = s.report();
        if (r.latitude() == null && (r.address() == null || r.address().isBlank())) {
            throw ProblemException.invalid("location", "a location (latitude, longitude) or an address is required");
        }
        Categories.Snapshot category = categories.reportable(r.category(), "category");
        evidencePolicy.check(r.evidence(), "evidence");
        if (s.onSpot() != null) {
            evidencePolicy.check(s.onSpot().evidence(), "solvedOnSpot.evidence");
        }
        EventRecord e = new EventRecord();
        e.id = UUID.randomUUID();
        e.category = category.key();
        e.urgency = category.urgency();
        e.timeLimitDays = category.timeLimitDays();
        e.urgentHours = category.urgentHours();
        e.itemType = (s.onSpot() == null ? ItemType.PROMISED : ItemType.IMMEDIATE).name();
        e.description = r.description().strip();
        e.channel = r.channel();
        e.reporterId = r.reporter();
        e.idempotencyKey = r.idempotencyKey();
        e.requestHash = r.requestHash();
        e.status = EventStatus.REPORTED;
        e.reportedAt = r.reportedAt() == null ? now() : r.reportedAt();
        e.updatedAt = now();
        e.latitude = r.latitude();
        e.longitude = r.longitude();
        e.address = r.address() == null || r.address().isBlank() ? null : r.address().strip();
        if (s.extra() != null) {
            s.extra().apply(e);
        }
        return e;
    }

    /** Places the new event (the grid a visit names, else the grid its point lies in); returns the timeline's words for it. */
    private String locate(EventRecord e, NewReport r) {
        if (r.gridCode() != null) {
            e.gridCode = r.gridCode();
            e.communityCode = r.communityCode();
            e.streetCode = r.streetCode();
            return "in grid " + r.gridCode();
        }
        Optional<GridLocator.Place> grid = e.latitude == null ? Optional.empty() : locator.locate(e.longitude, e.latitude);
        grid.ifPresent(g -> place(e, g));
        return grid.map(g -> "located to " + g.code() + " " + g.name()).orElse("not located yet");
    }

    /**
     * Applies every step of the placed event's intake to it, so that the row is inserted once in its
     * final state (an insert and an update would touch each of the event table's indexes twice).
     *
     * @param first the first report of the same problem, when this is a duplicate
     * @return the steps, to be written after the event
     */
    private List<Planned> plan(EventRecord e, Submission s, String placeNote, Optional<UUID> first) {
        NewReport r = s.report();
        List<Planned> planned = new java.util.ArrayList<>();
        planned.add(timeline.apply(e, Transition.REPORT, r.reporter(), "reported via " + e.channel + ", " + placeNote + PatrolRemit.note(s, e),
                r.evidence(), EvidenceEntry.Stage.REPORT));
        if (first.isPresent()) {
            e.mergedInto = first.get();
            planned.add(timeline.apply(e, Transition.MERGE, SELF, "duplicate of " + first.get() + " (" + duplicates.describe() + ")", null, null));
        } else {
            if (s.onSpot() != null || (intakePolicy.acceptsOnIntake(e.channel) && PatrolRemit.inside(s, e))) {
                e.acceptedAt = now();
                planned.add(timeline.apply(e, Transition.ACCEPT, SELF, "accepted on intake: " + e.channel + " reports need no screening", null, null));
            }
            if (s.onSpot() != null) {
                e.resolvedAt = now();
                planned.add(timeline.apply(e, Transition.SOLVE_ON_SPOT, r.reporter(), s.onSpot().note(), s.onSpot().evidence(), EvidenceEntry.Stage.HANDLING));
                planned.add(timeline.apply(e, Transition.VERIFY, r.reporter(), "verified on site by the grid worker who fixed it", null, null));
                e.closedAt = now();
                planned.add(timeline.apply(e, Transition.CLOSE_WITHOUT_FOLLOW_UP, SELF, "即办件 closed: no reporter to ask", null, null));
            }
        }
        return planned;
    }

    /**
     * A problem found on a household visit (from grid-service): one event per problem id, placed in
     * the visited household's grid, reported by the visitor. A category event-service does not
     * know, or another county's own, is filed as other.unclassified with the original key in the description.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Reported reportFromVisit(VisitProblemFoundV1 p) {
        Category c = categories.find(p.category());
        String category = c != null && c.reportable() && c.usableIn(org.gridgov.common.security.Jurisdiction.countyOf(p.gridCode()))
                ? c.key : "other.unclassified";
        String description = category.equals(p.category()) ? p.description() : "[" + p.category() + "] " + p.description();
        return intake(new NewReport(category, description, p.latitude(), p.longitude(),
                p.address() == null || p.address().isBlank() ? "grid " + p.gridCode() : p.address(), Channel.VISIT, p.visitorId(),
                "visit-problem:" + p.problemId(), null, p.foundAt(), null, p.gridCode(), p.communityCode(), p.streetCode()), null, null);
    }

    /**
     * The events already created under these reporters' idempotency keys, found in one query. The
     * probe is plain SQL: it runs on every report and almost never finds anything.
     */
    private java.util.Map<Key, Earlier> earlier(Set<Key> keys) {
        if (keys.isEmpty()) {
            return java.util.Map.of();
        }
        List<Key> probe = List.copyOf(keys);
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement q = c.prepareStatement("select e.id, e.reporter_id, e.idempotency_key, e.request_hash from event e "
                    + "join unnest(?::text[], ?::text[]) as k(reporter, key) on e.reporter_id = k.reporter and e.idempotency_key = k.key")) {
                q.setArray(1, c.createArrayOf("text", probe.stream().map(Key::reporter).toArray()));
                q.setArray(2, c.createArrayOf("text", probe.stream().map(Key::idempotencyKey).toArray()));
                java.util.Map<Key, Earlier> found = new java.util.HashMap<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        found.put(new Key(rs.getString(2), rs.getString(3)), new Earlier(rs.getObject(1, UUID.class), rs.getString(4)));
                    }
                }
                return found;
            }
        });
    }


    /** Locates events that arrived before their grid was known. Runs in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int locateWaiting() {
        List<EventRecord> waiting = EventRecord.find("gridCode is null and latitude is not null and status in ?1",
                Sort.by("reportedAt"), List.of(EventStatus.REPORTED, EventStatus.ACCEPTED, EventStatus.REOPENED)).page(0, 1000).list();
        int located = 0;
        for (EventRecord e : waiting) {
            Optional<GridLocator.Place> g = locator.locate(e.longitude, e.latitude);
            if (g.isPresent()) {
                place(e, g.get());
                timeline.step(e, Transition.LOCATE, SELF, "located to " + g.get().code() + " " + g.get().name(), null, null);
                located++;
            }
        }
        return located;
    }

    private static void place(EventRecord e, GridLocator.Place g) {
        e.gridCode = g.code();
        e.communityCode = g.communityCode();
        e.streetCode = g.streetCode();
    }

    private static void keep(List<TimelineEntry> steps, List<EvidenceEntry> evidence, Step s) {
        steps.add(s.entry());
        evidence.addAll(s.evidence());
    }

    private static OffsetDateTime now() {
        return TimelineWriter.now();
    }
}

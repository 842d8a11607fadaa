package org.gridgov.grid.visit;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.gridgov.common.clock.SuiteClock;
import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.payload.CoverageReachedV1;
import org.gridgov.common.contract.payload.VisitProblemFoundV1;
import org.gridgov.common.contract.payload.VisitRecordedV1;
import org.gridgov.common.messaging.Outbox;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.grid.registry.GridNode;
import org.gridgov.grid.household.Building;
import org.gridgov.grid.household.Household;
import org.gridgov.grid.people.Person;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Records visits; each problem found is announced so that event-service opens an event for it. */
@ApplicationScoped
public class VisitService {

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    VisitConfig config;

    public record ProblemFound(
            @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]*(\\.[a-z0-9-]+)*", message = "must be a category key such as environment.garbage") String category,
            @NotBlank @Size(max = 2000) String description) {
    }

    public record VisitRequest(
            @NotNull UUID householdId,
            OffsetDateTime visitedAt,
            @NotBlank @Size(max = 4000) String notes,
            Visit.MustVisitReason mustVisitReason,
            @Size(max = 20) List<@Valid @NotNull ProblemFound> problems) {
    }

    public record Recorded(Visit visit, List<UUID> problemIds) {
    }

    @Transactional
    public Recorded record(VisitRequest req, String visitorId) {
        Person visitor = Person.findById(visitorId);
        if (visitor == null) {
            throw ProblemException.forbidden("the caller " + visitorId + " is not a registered cadre or grid worker");
        }
        Household h = Household.findById(req.householdId());
        if (h == null || !"ACTIVE".equals(h.status)) {
            throw ProblemException.invalid("householdId", "no active household " + req.householdId());
        }
        if (!Person.ACTIVE.equals(visitor.status)) {
            throw ProblemException.forbidden("the caller " + visitorId + " is deactivated");
        }
        OffsetDateTime now = SuiteClock.now();
        if (req.visitedAt() != null && req.visitedAt().isAfter(now.plusMinutes(5))) {
            throw ProblemException.invalid("visitedAt", "a visit cannot be in the future");
        }
        java.time.LocalDate earliest = now.atZoneSameInstant(VisitPeriods.ZONE).toLocalDate().minusDays(config.maxBackdateDays());
        if (req.visitedAt() != null && req.visitedAt().atZoneSameInstant(VisitPeriods.ZONE).toLocalDate().isBefore(earliest)) {
            throw ProblemException.invalid("visitedAt", "a visit may be recorded at most " + config.maxBackdateDays()
                    + " days after it took place (on or after " + earliest + "; gridgov.visits.max-backdate-days): visits earn points");
        }
        Visit v = new Visit();
        v.id = UUID.randomUUID();
        v.householdId = h.id;
        v.gridCode = h.gridCode;
        v.visitorId = visitorId;
        v.visitedAt = req.visitedAt() == null ? now : req.visitedAt();
        v.notes = req.notes().strip();
        v.mustVisitReason = req.mustVisitReason();
        v.createdAt = now;
        v.persist();
        List<UUID> problemIds = new ArrayList<>();
        if (req.problems() != null) {
            GridNode grid = GridNode.findById(h.gridCode);
            Building b = h.buildingCode == null ? null : Building.findById(h.buildingCode);
            for (ProblemFound p : req.problems()) {
                UUID id = UUID.randomUUID();
                em.createNativeQuery("insert into visit_problem (id, visit_id, category, description) values (:id, :v, :c, :d)")
                        .setParameter("id", id).setParameter("v", v.id).setParameter("c", p.category())
                        .setParameter("d", p.description().strip()).executeUpdate();
                outbox.publish(new VisitProblemFoundV1(id, v.id, h.id,
                        h.gridCode, grid.communityCode, grid.streetCode, visitorId, p.category(), p.description().strip(),
                        b != null ? b.address : h.address, b == null ? null : b.latitude, b == null ? null : b.longitude, v.visitedAt));
                problemIds.add(id);
            }
        }
        outbox.publish(new VisitRecordedV1(v.id, h.id, h.gridCode,
                visitorId, v.visitedAt, v.mustVisitReason == null ? null : v.mustVisitReason.name(), problemIds.size()));
        announceCoverageIfComplete(h, v);
        return new Recorded(v, problemIds);
    }

    /**
     * When this visit was the first of the month to its household and now every active household
     * of the grid has a visit in that month, the grid reached full coverage: announce it once.
     */
    private void announceCoverageIfComplete(Household h, Visit v) {
        VisitPeriods.Window month = VisitPeriods.of(VisitPeriods.Period.MONTH, v.visitedAt.atZoneSameInstant(VisitPeriods.ZONE).toLocalDate());
        long visitsToHousehold = ((Number) em.createNativeQuery("select count(*) from visit where household_id = :h "
                + "and visited_at >= :from and visited_at < :to").setParameter("h", h.id).setParameter("from", month.from())
                .setParameter("to", month.to()).getSingleResult()).longValue();
        if (visitsToHousehold != 1) {
            return; // the household was covered already this month: nothing new
        }
        Object[] row = (Object[]) em.createNativeQuery("select count(*), count(*) filter (where not exists (select 1 from visit v "
                + "where v.household_id = h.id and v.visited_at >= :from and v.visited_at < :to)) from household h "
                + "where h.grid_code = :g and h.status = 'ACTIVE'").setParameter("g", h.gridCode).setParameter("from", month.from())
                .setParameter("to", month.to()).getSingleResult();
        if (((Number) row[1]).longValue() == 0) {
            String period = month.firstDay().toString().substring(0, 7);
            outbox.publish(new CoverageReachedV1(h.gridCode, period, ((Number) row[0]).intValue(), v.visitedAt));
        }
    }
}

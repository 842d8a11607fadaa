package org.gridgov.grid.registry;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.gridgov.common.geo.GridIndex;
import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Moving, splitting and merging level-2 grids as one operation: retire some grids, create others,
 * and hand every household, building, membership and person of the retired grids to the new ones
 * in the same transaction. A household goes to the new grid containing its building; one without
 * a located building goes to the fallback grid. Nothing is left in a retired grid.
 * <ul>
 * <li>move: retire A, create A' under another level-1 grid</li>
 * <li>split: retire A, create A1, A2, ...</li>
 * <li>merge: retire A, B, ..., create C</li>
 * </ul>
 */
@ApplicationScoped
public class Reorganization {

    @Inject
    GridRegistry registry;

    @Inject
    EntityManager em;

    public record Request(
            @NotEmpty @Size(max = 100) List<@NotNull String> retire,
            @NotEmpty @Size(max = 100) List<@Valid @NotNull GridRequest> create,
            String fallbackCode) {
    }

    public record Result(List<String> retired, List<String> created, Map<String, Integer> householdsMoved) {
    }

    @Transactional
    public Result apply(Request req, String actor) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<GridNode> retiring = retiringGrids(req, errors);
        Set<String> retiringCodes = new TreeSet<>(req.retire());
        GridRegistry.Batch batch = registry.newBatch();
        List<GridNode> created = prepareCreated(req, batch, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        GridIndex fresh = new GridIndex(batch.boundaries());
        checkOverlaps(req, batch, fresh, retiringCodes, errors);
        Set<String> createdCodes = new TreeSet<>();
        created.forEach(n -> createdCodes.add(n.code));
        if (req.fallbackCode() != null && !createdCodes.contains(req.fallbackCode())) {
            errors.add(new Problem.FieldError("fallbackCode", "must be one of the created grids"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Map<UUID, String> target = householdTargets(req, retiringCodes, fresh);
        registry.store(created, actor);
        Map<String, Integer> moved = moveHouseholds(target);
        String heir = req.fallbackCode() != null ? req.fallbackCode() : created.get(0).code;
        retire(retiring, heir, createdCodes, actor);
        for (GridNode n : created) {
            n.updatedAt = OffsetDateTime.now();
            registry.changed(n, "HOLDINGS", actor); // announced again with the workers they took over
        }
        return new Result(List.copyOf(retiringCodes), List.copyOf(createdCodes), moved);
    }

    /** The grids to retire; an error for each that is not an active level-2 grid. */
    private static List<GridNode> retiringGrids(Request req, List<Problem.FieldError> errors) {
        List<GridNode> retiring = new ArrayList<>();
        for (int i = 0; i < req.retire().size(); i++) {
            GridNode n = GridNode.findById(req.retire().get(i));
            if (n == null || !GridNode.ACTIVE.equals(n.status) || n.level != GridNode.Level.GRID) {
                errors.add(new Problem.FieldError("retire[" + i + "]", "no active level-2 grid " + req.retire().get(i)));
            } else {
                retiring.add(n);
            }
        }
        return retiring;
    }

    /** The new grids, checked and not yet stored; their errors named by their place in the request. */
    private List<GridNode> prepareCreated(Request req, GridRegistry.Batch batch, List<Problem.FieldError> errors) {
        List<GridNode> created = new ArrayList<>();
        for (int i = 0; i < req.create().size(); i++) {
            GridRequest c = req.create().get(i);
            if (c.level() != GridNode.Level.GRID) {
                errors.add(new Problem.FieldError("create[" + i + "].level", "only level-2 grids are reorganised"));
                continue;
            }
            try {
                created.add(registry.prepare(c, batch));
            } catch (ProblemException e) {
                int at = i;
                e.errors().forEach(err -> errors.add(new Problem.FieldError("create[" + at + "]." + err.field(), err.reason())));
            }
        }
        return created;
    }

    /** The new grids may overlap the retiring ones, not each other nor any grid that stays. */
    private void checkOverlaps(Request req, GridRegistry.Batch batch, GridIndex fresh, Set<String> retiringCodes,
            List<Problem.FieldError> errors) {
        GridIndex stored = registry.geographicIndex();
        for (GridIndex.Entry e : batch.boundaries()) {
            List<String> clash = new ArrayList<>(fresh.overlapping(e.boundary(), e.code()));
            stored.overlapping(e.boundary(), e.code()).stream().filter(c -> !retiringCodes.contains(c)).forEach(clash::add);
            if (!clash.isEmpty()) {
                int i = indexOf(req, e.code());
                errors.add(new Problem.FieldError("create[" + i + "].boundary", "overlaps grid " + clash.get(0)));
            }
        }
    }

    /**
     * Where each active household of the retiring grids goes: the new grid containing its building,
     * else the fallback grid; refused when some household has neither.
     */
    private Map<UUID, String> householdTargets(Request req, Set<String> retiringCodes, GridIndex fresh) {
        @SuppressWarnings("unchecked")
        List<Object[]> holdings = em.createNativeQuery("select h.id, h.code, b.latitude, b.longitude from household h "
                + "left join building b on b.code = h.building_code where h.grid_code in (:codes) and h.status = 'ACTIVE' order by h.code")
                .setParameter("codes", retiringCodes).getResultList();
        Map<UUID, String> target = new HashMap<>();
        List<String> unplaced = new ArrayList<>();
        for (Object[] h : holdings) {
            Optional<String> to = h[2] == null ? Optional.empty() : fresh.locate((Double) h[3], (Double) h[2]);
            if (to.isPresent()) {
                target.put((UUID) h[0], to.get());
            } else if (req.fallbackCode() != null) {
                target.put((UUID) h[0], req.fallbackCode());
            } else {
                unplaced.add((String) h[1]);
            }
        }
        if (!unplaced.isEmpty()) {
            throw ProblemException.invalid("fallbackCode", unplaced.size() + " household(s) have no located building inside a new grid "
                    + "(e.g. " + unplaced.get(0) + "); name the created grid that takes them");
        }
        return target;
    }

    /** Moves each household to its new grid; returns how many went to each grid. */
    private Map<String, Integer> moveHouseholds(Map<UUID, String> target) {
        Map<String, Integer> moved = new HashMap<>();
        target.forEach((id, to) -> {
            em.createNativeQuery("update household set grid_code = :to, updated_at = now() where id = :id")
                    .setParameter("to", to).setParameter("id", id).executeUpdate();
            moved.merge(to, 1, Integer::sum);
        });
        return moved;
    }

    /** Retires the old grids, handing their buildings, memberships and people to the new ones. */
    private void retire(List<GridNode> retiring, String heir, Set<String> createdCodes, String actor) {
        for (GridNode old : retiring) {
            // buildings follow their households' new grid where they have one, else the heir; then the rest
            em.createNativeQuery("update building b set grid_code = coalesce((select min(h.grid_code) from household h "
                    + "where h.building_code = b.code), :heir) where b.grid_code = :old")
                    .setParameter("heir", heir).setParameter("old", old.code).executeUpdate();
            registry.moveHoldings(old.code, heir);
            old.status = GridNode.RETIRED;
            old.retiredAt = OffsetDateTime.now();
            old.updatedAt = old.retiredAt;
            old.successorCodes = List.copyOf(createdCodes);
            registry.changed(old, "REORGANISE", actor);
        }
    }

    private static int indexOf(Request req, String code) {
        for (int i = 0; i < req.create().size(); i++) {
            if (req.create().get(i).code().equals(code)) {
                return i;
            }
        }
        return -1;
    }
}

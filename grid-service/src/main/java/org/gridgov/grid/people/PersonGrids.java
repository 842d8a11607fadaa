package org.gridgov.grid.people;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.security.Jurisdiction;
import org.gridgov.grid.registry.GridNode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** The grids people serve ({@code person_grid}): the SQL of who serves where. */
@ApplicationScoped
public class PersonGrids {
    @Inject
    EntityManager em;

    /** the grids the person serves, by code */
    @SuppressWarnings("unchecked")
    public List<String> of(String personId) {
        return em.createNativeQuery("select grid_code from person_grid where person_id = :p order by grid_code")
                .setParameter("p", personId).getResultList();
    }

    /** @throws ProblemException 400 naming each {@code gridCodes[i]} that is not an active grid */
    public void checkActive(List<String> gridCodes) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < gridCodes.size(); i++) {
            GridNode g = GridNode.findById(gridCodes.get(i));
            if (g == null || !GridNode.ACTIVE.equals(g.status)) {
                errors.add(new Problem.FieldError("gridCodes[" + i + "]", "no active grid " + gridCodes.get(i)));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /** adds the grids to those the person serves */
    public void add(String personId, Collection<String> gridCodes) {
        for (String code : new java.util.TreeSet<>(gridCodes)) {
            em.createNativeQuery("insert into person_grid (person_id, grid_code) values (:p, :g)")
                    .setParameter("p", personId).setParameter("g", code).executeUpdate();
        }
    }

    /** the person serves no grid any more */
    public void clear(String personId) {
        em.createNativeQuery("delete from person_grid where person_id = :p").setParameter("p", personId).executeUpdate();
    }

    /** ids of the people serving the grid (any, when null) in the role (any, when null) and a grid inside {@code j} */
    @SuppressWarnings("unchecked")
    public List<String> serving(String grid, Person.Role role, Jurisdiction j) {
        Jurisdiction.Filter scope = j.filter("x.grid_code");
        jakarta.persistence.Query q = em.createNativeQuery("select distinct p.id from person p left join person_grid pg on pg.person_id = p.id "
                + "where (cast(:g as text) is null or pg.grid_code = cast(:g as text)) "
                + "and (cast(:r as text) is null or p.role = cast(:r as text)) "
                + (j.unrestricted() ? "" : "and exists (select 1 from person_grid x where x.person_id = p.id and " + scope.clause() + ") ")
                + "order by p.id")
                .setParameter("g", grid).setParameter("r", role == null ? null : role.name());
        if (!j.unrestricted()) {
            scope.addTo(q);
        }
        return q.getResultList();
    }
}

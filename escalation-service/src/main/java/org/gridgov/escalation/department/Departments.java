package org.gridgov.escalation.department;

import java.util.List;

import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.security.Jurisdiction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The departments tasks are routed to (DEPT:code). A department is shared (county null: the seeded ones, changed only
 * by the system administrator) or a county's own (its administrator's or the system administrator's). Codes are unique
 * across the deployment; a department keeps its county.
 */
@ApplicationScoped
public class Departments {

    @Inject
    EntityManager em;

    @Inject
    org.gridgov.common.messaging.TopicBootstrap topics;

    /** @param county null for a shared department */
    public record Department(String code, String name, String county) {
    }

    /** Every department, or with {@code county} those its rules may route to (the shared ones and its own). */
    @SuppressWarnings("unchecked")
    public List<Department> list(String county) {
        String where = county == null ? "" : " where county is null or county = :c";
        var q = em.createNativeQuery("select code, name, county from department" + where + " order by code");
        if (county != null) {
            q.setParameter("c", county);
        }
        return ((List<Object[]>) q.getResultList()).stream().map(r -> new Department((String) r[0], (String) r[1], (String) r[2])).toList();
    }

    /** The department, or null. */
    @SuppressWarnings("unchecked")
    public Department find(String code) {
        List<Object[]> rows = em.createNativeQuery("select code, name, county from department where code = :c").setParameter("c", code)
                .getResultList();
        return rows.isEmpty() ? null : new Department((String) rows.get(0)[0], (String) rows.get(0)[1], (String) rows.get(0)[2]);
    }

    /** 404 unless the department exists; 403 unless the caller administers its county (the system admin: shared ones). */
    public Department checkAdminister(String code, Jurisdiction caller) {
        Department d = find(code);
        if (d == null) {
            throw ProblemException.notFound("department " + code);
        }
        caller.checkAdminister(d.county(), "department " + code);
        return d;
    }

    /**
     * Creates the department, or renames it. 403 unless the caller administers {@code county} (and, for an existing
     * department, its county); 409 when an existing department would change county.
     */
    @Transactional
    public Department put(String code, String name, String county, Jurisdiction caller) {
        caller.checkAdminister(county, county == null ? "a shared department" : "a department of county " + county);
        Department old = find(code);
        if (old != null) {
            caller.checkAdminister(old.county(), "department " + code);
            if (!java.util.Objects.equals(old.county(), county)) {
                throw ProblemException.conflict("department " + code + " belongs to " + (old.county() == null ? "every county (shared)"
                        : "county " + old.county()) + "; a department keeps its county");
            }
        }
        em.createNativeQuery("insert into department (code, name, county) values (:c, :n, cast(:county as text)) "
                + "on conflict (code) do update set name = excluded.name").setParameter("c", code).setParameter("n", name.strip())
                .setParameter("county", county).executeUpdate();
        if (old == null) {
            // its task and reply topics, where the service creates topics itself; on Kubernetes they are KafkaTopic resources
            topics.ensure(org.gridgov.common.contract.Topics.departmentSpecs(code));
        }
        return new Department(code, name.strip(), county);
    }
}

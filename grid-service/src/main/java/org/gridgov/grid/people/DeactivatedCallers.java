package org.gridgov.grid.people;

import java.util.List;

import org.gridgov.common.problem.ProblemException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * A deactivated person's token still verifies until it expires (grid-service does not issue tokens), so
 * grid-service refuses it itself: every request whose caller is a deactivated person is a 403 (problem+json).
 * Callers who are no registered person (admins, residents, department staff) are not concerned.
 */
public class DeactivatedCallers {

    @Inject
    SecurityIdentity caller;

    @Inject
    EntityManager em;

    @ServerRequestFilter
    public void refuse() {
        if (caller.isAnonymous()) {
            return;
        }
        String id = caller.getPrincipal().getName();
        List<?> status = em.createNativeQuery("select status from person where id = :p").setParameter("p", id).getResultList();
        if (!status.isEmpty() && Person.INACTIVE.equals(status.get(0))) {
            throw ProblemException.forbidden("person " + id + " is deactivated");
        }
    }
}

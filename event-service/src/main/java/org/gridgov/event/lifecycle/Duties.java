package org.gridgov.event.lifecycle;

import java.util.List;

import org.gridgov.common.problem.ProblemException;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Separation of duties: whoever resolved an event (办结) does not also verify it on site (核查), neither pass
 * nor rework, unless {@code gridgov.event.separate-resolve-and-verify} is false. A 即办件 (solved on the spot)
 * is the exception by definition: the grid worker who fixed it verifies it in the same step.
 */
@ApplicationScoped
public class Duties {
    @jakarta.inject.Inject
    org.gridgov.event.config.EventConfig config;

    /** @throws ProblemException 409 when {@code actor} made the event's last resolution */
    public void checkVerifier(EventRecord e, String actor) {
        if (!config.separateResolveAndVerify() || !Transition.VERIFY.allowedFrom(e.status)) {
            return; // the transition itself answers a wrong state
        }
        TimelineEntry resolved = TimelineEntry.<TimelineEntry> find("eventId = ?1 and action in ?2", Sort.descending("at", "id"),
                e.id, List.of(Transition.RESOLVE, Transition.SOLVE_ON_SPOT)).firstResult();
        if (resolved != null && resolved.actor.equals(actor)) {
            throw new ProblemException(409, "Resolver may not verify", "you resolved event " + e.id
                    + "; resolving and verifying are separate duties, so another grid worker of its grid verifies it "
                    + "(gridgov.event.separate-resolve-and-verify)", null);
        }
    }
}

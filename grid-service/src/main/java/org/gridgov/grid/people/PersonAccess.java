package org.gridgov.grid.people;

import java.util.List;

import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.security.CurrentJurisdiction;
import org.gridgov.common.security.Jurisdiction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who reaches which person: a person is inside the caller's jurisdiction when she serves a grid in it (or is the
 * caller herself); admins reach everyone. A person outside is answered 404; a grid named outside is a 403.
 */
@ApplicationScoped
public class PersonAccess {
    @Inject
    CurrentJurisdiction jurisdiction;

    @Inject
    PersonGrids grids;

    public Jurisdiction jurisdiction() {
        return jurisdiction.get();
    }

    /** the person, when the caller may see her; else 404 */
    public Person visible(String id) {
        Person p = Person.findById(id);
        Jurisdiction j = jurisdiction.get();
        if (p == null || (!j.unrestricted() && !j.isSelf(id) && !j.coversAny(grids.of(id)))) {
            throw ProblemException.notFound("person " + id);
        }
        return p;
    }

    /** every grid named must be inside the caller's jurisdiction (403); a non-admin must name at least one */
    public void checkGrids(List<String> gridCodes) {
        Jurisdiction j = jurisdiction.get();
        if (j.unrestricted()) {
            return;
        }
        if (gridCodes.isEmpty()) {
            throw ProblemException.forbidden("only an admin registers a person without a grid");
        }
        gridCodes.forEach(code -> j.checkWrite(code, "grid " + code));
    }
}

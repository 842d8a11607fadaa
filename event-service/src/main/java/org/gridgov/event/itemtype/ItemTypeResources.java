package org.gridgov.event.itemtype;

import java.util.UUID;

import org.gridgov.common.problem.ProblemException;
import org.gridgov.event.lifecycle.EventAccess;
import org.gridgov.event.lifecycle.EventRecord;

import io.quarkus.security.identity.SecurityIdentity;

/** What the item-type resources check alike. */
final class ItemTypeResources {
    private ItemTypeResources() {
    }

    /** the event locked, in the caller's remit; a department's handler only for her department's task */
    static EventRecord handlerOf(EventAccess access, SecurityIdentity caller, UUID id) {
        EventRecord e = access.lockedActionable(id);
        if (caller.hasRole("dept_handler") && !caller.hasRole("admin") && (e.handlerUnit == null
                || !access.jurisdiction().inDepartment(e.handlerUnit)) && !access.jurisdiction().covers(EventAccess.place(e))) {
            throw ProblemException.forbidden("event " + id + " is handled by " + e.handlerUnit + ", not by your department");
        }
        return e;
    }
}

package org.gridgov.grid.people;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.gridgov.common.security.Jurisdiction;

/**
 * A change of the grids a person serves, made by a caller who may reach only part of them: the caller adds and
 * removes grids inside her jurisdiction; the person's grids outside it are kept as they are (another leader's
 * business). Admins reach every grid, so for them the requested list is the new list.
 *
 * @param after   the grids the person serves afterwards
 * @param touched the grids whose worker list may have changed: the caller's part before and after
 */
public record GridAssignment(Set<String> after, Set<String> touched) {

    /** the requested grids must already be inside the caller's jurisdiction (checked before, 403) */
    public static GridAssignment of(Jurisdiction caller, List<String> before, List<String> requested) {
        Set<String> after = new TreeSet<>(requested);
        Set<String> touched = new TreeSet<>(requested);
        for (String code : before) {
            if (caller.covers(code)) {
                touched.add(code);
            } else {
                after.add(code); // outside the caller's reach: untouched
            }
        }
        return new GridAssignment(after, touched);
    }

    /** the grids outside the caller's jurisdiction that the person keeps */
    public Set<String> kept() {
        Set<String> kept = new TreeSet<>(after);
        kept.removeAll(touched);
        return kept;
    }
}

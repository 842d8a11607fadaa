package org.gridgov.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gridgov.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

/** Claims (JurisdictionClaims), checks (Jurisdiction) and SQL (ScopeSql) of a caller's jurisdiction. */
class JurisdictionTest {

    @Test
    void claimsBecomeMinimalScopesAndNonCodesAreIgnored() {
        Jurisdiction j = Jurisdiction.of("w1", Set.of("grid_worker"),
                Map.of("grids", "350182001001001, 350182001001002", "communities", List.of("350182001001", "not-a-code"),
                        "dept", "DEPT:police, Market"));
        // the community covers both grids: one scope entry
        assertEquals(List.of("350182001001"), j.prefixes());
        assertTrue(j.covers("350182001001777"));
        assertFalse(j.covers("350182001002001"));
        assertFalse(j.covers(null));
        assertEquals(Set.of("police"), j.departments(), "a code out of form (upper case) is ignored");
        assertTrue(j.inDepartment("DEPT:police"));
        assertFalse(j.countyWide());
    }

    @Test
    void aLevelOneGridStandsForItsCommunitysGridsNotTheCommunity() {
        Jurisdiction j = Jurisdiction.of("l1", Set.of("grid_leader"), Map.of("grids", "350182001001000"));
        assertTrue(j.covers("350182001001005"));
        assertFalse(j.covers("350182001001"), "the community node itself");
        assertTrue(j.coversOrContains("350182001001"), "but she may read it");
    }

    @Test
    void checksAnswer404ForReadsAnd403ForWrites() {
        Jurisdiction j = Jurisdiction.of("w1", Set.of("grid_worker"), Map.of("grids", "350182001001001"));
        j.checkRead("350182001001001", "grid");
        assertEquals(404, assertThrows(ProblemException.class, () -> j.checkRead("350182001001002", "grid")).status());
        assertEquals(403, assertThrows(ProblemException.class, () -> j.checkWrite("350182001001002", "grid")).status());
        assertTrue(Jurisdiction.of("a", Set.of("admin"), Map.of()).covers("anything"));
        assertFalse(Jurisdiction.none().covers("350182001001001"));
    }

    @Test
    void sqlFilters() {
        assertEquals("1 = 1", Jurisdiction.of("a", Set.of("admin"), Map.of()).filter("code").clause());
        assertEquals("1 = 0", Jurisdiction.of("r", Set.of("resident"), Map.of()).filter("code").clause());
        Jurisdiction j = Jurisdiction.of("l1", Set.of("grid_leader"), Map.of("grids", "350182001001000", "streets", "350182002"));
        Jurisdiction.Filter named = j.filter("code", "p");
        assertEquals("((code like :p0) or (code like :p1 and length(code) >= :pl1))", named.clause());
        assertEquals(Map.of("p0", "350182002%", "p1", "350182001001%", "pl1", 15), named.named());
        Jurisdiction.Filter jdbc = j.jdbcFilter("code");
        assertEquals("((code like ?) or (code like ? and length(code) >= ?))", jdbc.clause());
        assertEquals(List.of("350182002%", "350182001001%", 15), jdbc.positional());
    }
}

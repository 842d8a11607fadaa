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
    void aCountysAdministratorIsConfinedToHerCountyAndNeverChangesTheSharedDefaults() {
        Jurisdiction system = Jurisdiction.of("root", Set.of("admin"), Map.of());
        Jurisdiction county = Jurisdiction.of("ca", Set.of("admin"), Map.of("district", "350182"));
        assertTrue(system.unrestricted());
        assertFalse(system.countyAdmin());
        assertTrue(system.administers(null) && system.administers("350183"));

        assertFalse(county.unrestricted());
        assertTrue(county.countyAdmin());
        assertEquals(List.of("350182"), county.counties());
        assertTrue(county.covers("350182001001001"));
        assertFalse(county.covers("350183001001001"), "another county's grid");
        assertFalse(county.inDepartment("DEPT:police"), "no department claim, no department");
        assertTrue(county.administers("350182"));
        assertFalse(county.administers("350183"));
        assertFalse(county.administers(null), "the defaults every county shares");
        assertEquals(403, assertThrows(ProblemException.class, () -> county.checkAdminister("350183", "routing")).status());
        assertEquals(403, assertThrows(ProblemException.class, () -> county.checkAdminister(null, "routing")).status());
        county.checkAdminister("350182", "routing");
        assertFalse(county.filter("grid_code").clause().equals("1 = 1"), "her lists are filtered by place");

        Jurisdiction supervisor = Jurisdiction.of("s", Set.of("supervisor"), Map.of("district", "350182"));
        assertFalse(supervisor.administers("350182"), "county-wide, but no administrator");
        Jurisdiction streetAdmin = Jurisdiction.of("sa", Set.of("admin"), Map.of("streets", "350182001"));
        assertFalse(streetAdmin.administers("350182"), "an admin of one street does not administer the county");
        assertEquals("350182", Jurisdiction.countyOf("350182001001001"));
        assertEquals(null, Jurisdiction.countyOf("3501"));
        assertEquals(null, Jurisdiction.countyOf("DEPT:police"));
    }

    @jakarta.annotation.security.RolesAllowed("admin")
    static class AdminOnly {
        public void systemWide() {
        }

        @CountyScoped
        public void countyScoped() {
        }

        @jakarta.annotation.security.RolesAllowed({ "admin", "supervisor" })
        public void shared() {
        }
    }

    @Test
    void theGateRefusesACountysAdministratorEveryAdminOnlyEndpointNotMarkedCountyScoped() throws Exception {
        assertTrue(CountyAdminGate.systemWide(AdminOnly.class, AdminOnly.class.getMethod("systemWide")));
        assertFalse(CountyAdminGate.systemWide(AdminOnly.class, AdminOnly.class.getMethod("countyScoped")));
        assertFalse(CountyAdminGate.systemWide(AdminOnly.class, AdminOnly.class.getMethod("shared")));
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

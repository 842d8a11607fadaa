package org.gridgov.escalation.routing;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.gridgov.common.problem.Problem;

/**
 * A version of the routing rules, in order: the first matching rule decides. Plain code, so it can
 * be checked and benchmarked alone.
 */
public final class RuleSet {
    private final int version;
    private final List<RoutingRule> rules;
    private final String county;

    public RuleSet(int version, List<RoutingRule> rules) {
        this(version, rules, null);
    }

    /** @param county the county whose set it is (6 digits), or null for the shared set */
    public RuleSet(int version, List<RoutingRule> rules, String county) {
        this.version = version;
        this.rules = List.copyOf(rules);
        this.county = county;
    }

    /** the county whose set it is, or null for the shared set every county without its own uses */
    public String county() {
        return county;
    }

    public int version() {
        return version;
    }

    public List<RoutingRule> rules() {
        return rules;
    }

    public record Match(RoutingRule rule, String handlerUnit, List<String> cooperatingUnits, String ruleRef, String reason) {
    }

    public Match route(String category, String gridCode, String communityCode, String streetCode, Router.Tier tier) {
        Match m = route(category, gridCode, communityCode, streetCode, tier, java.util.Set.of());
        if (m == null) {
            throw new IllegalStateException("rule set " + version + " has no rule for " + category + " at " + tier);
        }
        return m;
    }

    /** As above, passing over the units in {@code excluded} (those that returned the task); null when none is left. */
    public Match route(String category, String gridCode, String communityCode, String streetCode, Router.Tier tier,
            java.util.Set<String> excluded) {
        for (RoutingRule r : rules) {
            if (r.matches(category, gridCode, tier)) {
                String unit = switch (r.handler()) {
                    case "GRID" -> gridCode == null ? null : "GRID:" + gridCode;
                    case "COMMUNITY" -> communityCode == null ? null : "COMMUNITY:" + communityCode;
                    case "STREET" -> streetCode == null ? null : "STREET:" + streetCode;
                    default -> r.handler();
                };
                if (unit == null || excluded.contains(unit)) {
                    continue; // the place is not known at that level, or the unit returned it: a later rule decides
                }
                List<String> coop = r.cooperating() == null ? List.of() : r.cooperating().stream().map(d -> "DEPT:" + d).toList();
                String why = tier + ": " + (r.categoryPrefix().isEmpty() ? "any category" : "category " + r.categoryPrefix())
                        + (r.placePrefix().isEmpty() ? " anywhere" : " in " + r.placePrefix() + "*") + " goes to " + r.handler()
                        + (coop.isEmpty() ? "" : " with " + coop);
                return new Match(r, unit, coop, r.id() + "@" + version, why);
            }
        }
        return null;
    }

    /**
     * What is wrong with a rule set before it may be stored: every tier needs a catch-all rule for
     * the unit of the place itself, so that no category and no place is left without a handler;
     * ids are unique; departments exist.
     */
    public static List<Problem.FieldError> check(List<RoutingRule> rules, Set<String> departments) {
        return check(rules, departments, null);
    }

    /**
     * As {@link #check(List, Set)} for a county's set: place prefixes within the county (empty: the whole county), and
     * {@code departments} are those the county may route to (its own and the shared ones). A catch-all of a county's
     * set has an empty category prefix and an empty place prefix or the county's code.
     */
    public static List<Problem.FieldError> check(List<RoutingRule> rules, Set<String> departments, String county) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (county != null) {
            for (int i = 0; i < rules.size(); i++) {
                String p = rules.get(i).placePrefix();
                if (!p.isEmpty() && !p.startsWith(county)) {
                    errors.add(new Problem.FieldError("rules[" + i + "].placePrefix", p + " is not within county " + county
                            + ": a county's rules cover only places starting with " + county));
                }
            }
        }
        Set<Router.Tier> covered = EnumSet.noneOf(Router.Tier.class);
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            RoutingRule r = rules.get(i);
            if (!ids.add(r.id())) {
                errors.add(new Problem.FieldError("rules[" + i + "].id", "duplicate rule id " + r.id()));
            }
            if (r.handler().startsWith("DEPT:") && !departments.contains(r.handler().substring(5))) {
                errors.add(new Problem.FieldError("rules[" + i + "].handler", "unknown department " + r.handler().substring(5)
                        + (county == null ? "" : " (a county's rules route to its own or shared departments)")));
            }
            if (r.cooperating() != null) {
                for (int j = 0; j < r.cooperating().size(); j++) {
                    if (!departments.contains(r.cooperating().get(j))) {
                        errors.add(new Problem.FieldError("rules[" + i + "].cooperating[" + j + "]", "unknown department " + r.cooperating().get(j)));
                    }
                }
            }
            // a catch-all that sends to a department or to the place's own unit always yields a handler
            if (r.catchAll() || (county != null && r.categoryPrefix().isEmpty() && r.placePrefix().equals(county))) {
                covered.add(r.tier());
            }
        }
        for (Router.Tier t : Router.Tier.values()) {
            if (!covered.contains(t)) {
                errors.add(new Problem.FieldError("rules", "no rule for every category and place at tier " + t
                        + ": some events would have no handler; add a rule with empty categoryPrefix and placePrefix"));
            }
        }
        return errors;
    }
}

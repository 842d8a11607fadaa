package org.gridgov.escalation.routing;

import java.util.List;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Chooses the handler unit for an event at a tier, from the current version of the routing rules,
 * and the time it has: the tier's working days, or the rule's natural hours for urgent matters.
 */
@ApplicationScoped
public class Router {

    public enum Tier {
        GRID, COMMUNITY, STREET;

        /** the tier an escalation goes to, or null at the top */
        public Tier next() {
            return this == STREET ? null : values()[ordinal() + 1];
        }
    }

    /**
     * @param workingDays the limit in working days, or 0 when {@code urgentHours} applies
     */
    public record Decision(String handlerUnit, Tier tier, int workingDays, Integer urgentHours, String rule, String reason,
            List<String> cooperatingUnits, int ruleVersion, String ruleCounty) {
    }

    @jakarta.inject.Inject
    org.gridgov.escalation.config.EscalationConfig config;

    @Inject
    RoutingRules rules;

    public Decision route(String category, String gridCode, String communityCode, String streetCode, Tier tier) {
        return route(org.gridgov.common.security.Jurisdiction.countyOf(gridCode), category, gridCode, communityCode, streetCode, tier,
                java.util.Set.of());
    }

    /**
     * The decision by the rules of the event's county (its latest set, else the latest shared set), passing over the
     * excluded units, or null when every candidate returned the task.
     */
    public Decision route(String county, String category, String gridCode, String communityCode, String streetCode, Tier tier,
            java.util.Set<String> excluded) {
        RuleSet set = rules.current(county);
        RuleSet.Match m = excluded.isEmpty() ? set.route(category, gridCode, communityCode, streetCode, tier)
                : set.route(category, gridCode, communityCode, streetCode, tier, excluded);
        if (m == null) {
            return null;
        }
        int days = limitDays(tier);
        Integer hours = m.rule().urgentHours();
        String reason = m.reason() + (set.county() == null ? " (shared rules v" + set.version() + ")"
                : " (rules of county " + set.county() + " v" + set.version() + ")");
        return new Decision(m.handlerUnit(), tier, hours == null ? days : 0, hours, m.ruleRef(), reason, m.cooperatingUnits(),
                set.version(), set.county());
    }

    /** The time limit of a tier in working days. */
    public int limitDays(Tier tier) {
        return switch (tier) {
            case GRID -> config.limit().grid();
            case COMMUNITY -> config.limit().community();
            case STREET -> config.limit().street();
        };
    }

    /** The first tier an event can be handled at, given where it is located. */
    public static Tier firstTier(String gridCode, String communityCode) {
        return gridCode != null ? Tier.GRID : communityCode != null ? Tier.COMMUNITY : Tier.STREET;
    }
}

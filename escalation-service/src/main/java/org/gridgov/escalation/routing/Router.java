package org.gridgov.escalation.routing;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Chooses the handler unit, tier and time limit for an event. The spine's single rule sends every
 * located event to its grid first (网格先办); versioned routing rules as data replace it.
 */
@ApplicationScoped
public class Router {

    public enum Tier {
        GRID, COMMUNITY, STREET
    }

    public record Decision(String handlerUnit, Tier tier, int workingDays, String rule, String reason) {
    }

    @ConfigProperty(name = "gridgov.escalation.limit.grid", defaultValue = "1")
    int gridDays;

    @ConfigProperty(name = "gridgov.escalation.limit.community", defaultValue = "3")
    int communityDays;

    @ConfigProperty(name = "gridgov.escalation.limit.street", defaultValue = "7")
    int streetDays;

    public Decision route(String category, String gridCode, String communityCode, String streetCode) {
        if (gridCode != null) {
            return new Decision("GRID:" + gridCode, Tier.GRID, gridDays, "default-grid@1",
                    category + " in grid " + gridCode + ": the grid handles it first (网格先办)");
        }
        if (communityCode != null) {
            return new Decision("COMMUNITY:" + communityCode, Tier.COMMUNITY, communityDays, "default-community@1",
                    category + " without a grid: the community handles it");
        }
        return new Decision("STREET:" + streetCode, Tier.STREET, streetDays, "default-street@1",
                category + " without grid or community: the street handles it");
    }
}

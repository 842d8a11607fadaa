package org.gridgov.scoring.ledger;

import java.util.ArrayList;
import java.util.List;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.payload.EventLifecycleV1;

/**
 * What a fact of the loop is worth. Plain code so it can be tested alone; the spine's rules are
 * fixed here until rules become versioned data.
 * <ul>
 * <li>{@code valid-report@1}: +1 to the reporter when the event is first dispatched (a valid report).</li>
 * <li>{@code closed-satisfied@1}: +2 to the grid when closed 非常满意/满意, +1 when 基本满意.</li>
 * <li>{@code resolved-on-time@1}: +1 to the grid when it was resolved before the deadline.</li>
 * </ul>
 */
public final class ScoringRules {
    private ScoringRules() {
    }

    public record Credit(String subject, int points, String rule) {
    }

    public static List<Credit> creditsFor(EventType type, EventLifecycleV1 e) {
        List<Credit> out = new ArrayList<>();
        switch (type) {
            case EVENT_DISPATCHED -> {
                if ("REPORTED".equals(e.previousStatus()) && e.reporterId() != null) {
                    out.add(new Credit("USER:" + e.reporterId(), 1, "valid-report@1"));
                }
            }
            case EVENT_CLOSED -> {
                if (e.gridCode() != null) {
                    String grid = "GRID:" + e.gridCode();
                    if ("VERY_SATISFIED".equals(e.satisfaction()) || "SATISFIED".equals(e.satisfaction())) {
                        out.add(new Credit(grid, 2, "closed-satisfied@1"));
                    } else if ("BASICALLY_SATISFIED".equals(e.satisfaction())) {
                        out.add(new Credit(grid, 1, "closed-satisfied@1"));
                    }
                    if (Boolean.TRUE.equals(e.onTime())) {
                        out.add(new Credit(grid, 1, "resolved-on-time@1"));
                    }
                }
            }
            default -> {
            }
        }
        return out;
    }
}

package org.gridgov.common.contract;

/** The tier a task is handled at ({@code tier} of {@link org.gridgov.common.contract.payload.TaskDispatchedV1}; on the wire, the name). */
public enum Tier {
    /** the grid worker's own grid */
    GRID,
    /** the community (社区/村): 3 working days in the default rules */
    COMMUNITY,
    /** the street (街道/镇), which assigns departments: 7 working days in the default rules */
    STREET
}

package org.gridgov.common.contract;

/**
 * Where a report came from ({@code channel} of an event and of {@link org.gridgov.common.contract.payload.EventLifecycleV1};
 * on the wire, the constant's name).
 */
public enum Channel {
    /** a resident's mobile app */
    APP,
    /** a resident's web form */
    WEB,
    /** a civic app over Open311 GeoReport v2 */
    OPEN311,
    /** a grid worker on patrol */
    GRID_PATROL,
    /** found on a household visit (grid-service) */
    VISIT,
    /** filed by a 12345 hotline operator for a caller */
    HOTLINE_12345,
    /** a partner system's report on gridgov.partner.report.v1 */
    PARTNER
}

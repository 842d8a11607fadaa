package org.gridgov.event.lifecycle;

/** The reporter's rating at follow-up (回访). */
public enum Satisfaction {
    /** 非常满意 */
    VERY_SATISFIED,
    /** 满意 */
    SATISFIED,
    /** 基本满意 */
    BASICALLY_SATISFIED,
    /** 不满意: reopens the event */
    DISSATISFIED
}

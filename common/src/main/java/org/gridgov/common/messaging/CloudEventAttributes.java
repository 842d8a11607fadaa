package org.gridgov.common.messaging;

/** CloudEvents extension attributes of the suite (lower-case alphanumerics, as the spec requires). */
public final class CloudEventAttributes {
    private CloudEventAttributes() {
    }

    /**
     * The unit a task is for, e.g. {@code DEPT:police}. In Kafka binary mode it travels as the
     * record header {@code ce_handlerunit}, so a department's consumer filters without parsing data.
     */
    public static final String HANDLER_UNIT = "handlerunit";
}

package org.gridgov.common.contract.payload;

/**
 * A contract payload: it knows the Kafka key and the CloudEvents subject of the message that
 * carries it. The key is the id of the aggregate, so one aggregate's history stays in one
 * partition and in order.
 */
public interface Payload {
    /** the Kafka key */
    String key();

    /** the CloudEvents {@code subject}: what the message is about; the key unless the payload says otherwise */
    default String subject() {
        return key();
    }
}

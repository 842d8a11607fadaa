package org.gridgov.common.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class SubscriptionTest {
    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);
    private static final TopicPartition P2 = new TopicPartition("t", 2);

    private static Subscription.Item item(TopicPartition tp, long offset) {
        return new Subscription.Item(new ConsumerRecord<>(tp.topic(), tp.partition(), offset, "k", new byte[0]), null, "x");
    }

    /** A poll of three partitions, interleaved as the consumer returns them. */
    private final List<Subscription.Item> poll = List.of(item(P0, 10), item(P0, 11), item(P1, 5), item(P1, 6), item(P2, 7), item(P0, 12));

    @Test
    void aStallAtTheStartRereadsEveryPartitionFromItsFirstRecord() {
        assertEquals(Map.of(P0, 10L, P1, 5L, P2, 7L), Subscription.resumeOffsets(poll, 0));
    }

    @Test
    void aStallInTheMiddleKeepsWhatIsDoneAndRereadsTheRest() {
        // P0@10, P0@11, P1@5 done; P1@6 failed
        assertEquals(Map.of(P0, 12L, P1, 6L, P2, 7L), Subscription.resumeOffsets(poll, 3));
    }

    @Test
    void aPartitionWhollyDoneMovesPastItsLastRecord() {
        List<Subscription.Item> two = List.of(item(P1, 5), item(P1, 6), item(P0, 3));
        assertEquals(Map.of(P1, 7L, P0, 3L), Subscription.resumeOffsets(two, 2));
    }
}

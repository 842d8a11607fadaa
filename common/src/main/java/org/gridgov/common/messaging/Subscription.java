package org.gridgov.common.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;

/**
 * One consumer-group member on its own thread. A poll's records are handled in one transaction
 * (inbox rows, effects, outbox rows); if that fails for another reason than an unavailable
 * database or broker, they are handled again one by one, so that one bad record fails alone.
 * While the database or broker is unavailable, the consumer seeks back to the first record not
 * done and retries with backoff, for as long as it takes: the offset does not move and nothing is
 * dead-lettered. Offsets are committed after the transaction.
 */
final class Subscription {
    private static final Logger LOG = Logger.getLogger(Subscription.class);

    final String name;
    final ConsumerState state;
    final TopicEventHandler handler;
    private final List<String> topics;
    private final Pattern pattern;
    private final CloudEventConsumers owner;
    private final MessagingConfig.Consumer config;
    private final Thread thread;
    private final CloudEventDeserializer deserializer = new CloudEventDeserializer();
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private long backoffMs = 100;

    /** A polled record, decoded, or with the reason it could not be. */
    record Item(ConsumerRecord<String, byte[]> record, CloudEvent event, String undecodable) {
        TopicPartition partition() {
            return new TopicPartition(record.topic(), record.partition());
        }
    }

    /** The database or broker is unavailable: retry from {@code from}, the first item not done. */
    static final class Stall extends Exception {
        final int from;

        Stall(int from, Throwable cause) {
            super(cause);
            this.from = from;
        }
    }

    Subscription(String name, List<String> topics, Pattern pattern, TopicEventHandler handler, CloudEventConsumers owner,
            MessagingConfig.Consumer config) {
        this.name = name;
        this.topics = topics;
        this.pattern = pattern;
        this.handler = handler;
        this.owner = owner;
        this.config = config;
        this.state = new ConsumerState(name);
        this.thread = new Thread(this::run, "consumer-" + name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean alive() {
        return thread.isAlive();
    }

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                consume();
            } catch (WakeupException e) {
                // stopping
            } catch (Exception e) {
                if (running) {
                    LOG.warnf(e, "consumer %s failed; restarting in 1 s", name);
                    sleep(1_000);
                }
            }
        }
    }

    private void consume() {
        Map<String, Object> props = owner.kafka.common();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, name);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        // a member killed with -9 leaves the group quickly, so its partitions move on
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // a pattern subscription sees a topic created later at the next metadata refresh
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) config.patternRefresh().toMillis());
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
            consumer = c;
            if (pattern != null) {
                c.subscribe(pattern);
            } else {
                c.subscribe(topics);
            }
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                List<Item> items = decode(records);
                try {
                    deliver(items);
                    c.commitSync();
                    state.flowing();
                    backoffMs = 100;
                } catch (Stall s) {
                    rewind(c, items, s);
                }
            }
        } finally {
            consumer = null;
        }
    }

    private List<Item> decode(ConsumerRecords<String, byte[]> records) {
        List<Item> items = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                items.add(new Item(r, deserializer.deserialize(r.topic(), r.headers(), r.value()), null));
            } catch (RuntimeException e) {
                items.add(new Item(r, null, "not a CloudEvent: " + e.getMessage()));
            }
        }
        return items;
    }

    /** Handles every item, or throws {@link Stall} naming the first one not done. */
    void deliver(List<Item> items) throws Stall {
        List<Item> events = items.stream().filter(i -> i.event() != null).toList();
        if (config.batch() && events.size() > 1) {
            try {
                int ran = owner.processBatch(name, events, handler);
                state.processed.addAndGet(ran);
                state.skipped.addAndGet(events.size() - ran);
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i).event() == null) {
                        deadLetter(items, i, items.get(i).undecodable());
                    }
                }
                return;
            } catch (Stall s) {
                throw s;
            } catch (Exception e) {
                if (Failures.isTransient(e)) {
                    throw new Stall(0, e);
                }
                state.batchFallbacks.incrementAndGet();
                LOG.infof("consumer %s: batch of %d failed (%s); handling its records one by one", name, events.size(), e);
            }
        }
        for (int i = 0; i < items.size(); i++) {
            deliverOne(items, i);
        }
    }

    private void deliverOne(List<Item> items, int index) throws Stall {
        Item item = items.get(index);
        if (item.event() == null) {
            deadLetter(items, index, item.undecodable());
            return;
        }
        for (int attempt = 1;; attempt++) {
            try {
                if (owner.processOnce(name, item.record().topic(), item.event(), handler)) {
                    state.processed.incrementAndGet();
                } else {
                    state.skipped.incrementAndGet();
                }
                return;
            } catch (Exception e) {
                switch (Failures.classify(e)) {
                    case TRANSIENT -> throw new Stall(index, e);
                    case REJECTED -> {
                        deadLetter(items, index, "rejected: " + rootMessage(e));
                        return;
                    }
                    default -> {
                        LOG.warnf("consumer %s: %s %s attempt %d failed: %s", name, item.event().getType(),
                                item.event().getId(), attempt, e);
                        if (attempt >= config.maxAttempts() || !running) {
                            if (!running) {
                                throw new WakeupException();
                            }
                            deadLetter(items, index, String.valueOf(e));
                            return;
                        }
                        sleep(100L << Math.min(attempt, 5));
                    }
                }
            }
        }
    }

    private void deadLetter(List<Item> items, int index, String reason) throws Stall {
        try {
            owner.deadLetter(name, items.get(index).record(), reason);
            state.deadLettered.incrementAndGet();
        } catch (RuntimeException e) {
            // not acknowledged: do not move past the record
            throw new Stall(index, e);
        }
    }

    static String rootMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RejectedMessage) {
                return t.getMessage();
            }
        }
        return String.valueOf(e.getMessage());
    }

    /**
     * Commits what is done and seeks every partition of the poll back to its first record not
     * done, then waits; the next poll returns those records again.
     */
    private void rewind(KafkaConsumer<String, byte[]> c, List<Item> items, Stall s) {
        Map<TopicPartition, Long> resume = resumeOffsets(items, s.from);
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        resume.forEach((tp, offset) -> {
            c.seek(tp, offset);
            commit.put(tp, new OffsetAndMetadata(offset));
        });
        try {
            c.commitSync(commit, Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            // the records done will be seen again and skipped by the inbox
        }
        state.stalled(s.getCause());
        LOG.warnf("consumer %s: %s; retrying in %d ms (stalled for %s)", name, s.getCause(), backoffMs, state.stalledFor());
        sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, config.retryBackoffMax().toMillis());
    }

    /** Per partition of the poll, the offset to read next: its first item from {@code from} on, or past its last. */
    static Map<TopicPartition, Long> resumeOffsets(List<Item> items, int from) {
        Map<TopicPartition, Long> pending = new LinkedHashMap<>();
        for (int i = from; i < items.size(); i++) {
            pending.putIfAbsent(items.get(i).partition(), items.get(i).record().offset());
        }
        Map<TopicPartition, Long> resume = new LinkedHashMap<>();
        for (int i = 0; i < from; i++) {
            resume.put(items.get(i).partition(), items.get(i).record().offset() + 1);
        }
        resume.putAll(pending);
        return resume;
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.gridgov.common.messaging;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.gridgov.common.contract.Topics;
import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Creates the contract's topics with their partitions and cleanup policies when they are missing.
 * On by default for the local run and tests; on Kubernetes the topics are Strimzi
 * {@code KafkaTopic} resources and this is switched off ({@code gridgov.messaging.create-topics=false}).
 */
@ApplicationScoped
public class TopicBootstrap {
    private static final Logger LOG = Logger.getLogger(TopicBootstrap.class);

    @Inject
    KafkaSettings kafka;

    @Inject
    MessagingConfig config;

    private volatile boolean done;

    public synchronized void ensureTopics() {
        if (done || !config.createTopics()) {
            return;
        }
        ensure(Topics.ALL);
        done = true;
    }

    /** Creates the given topics where missing (no-op when topic creation is off). */
    public synchronized void ensure(List<Topics.TopicSpec> specs) {
        if (!config.createTopics()) {
            return;
        }
        try (Admin admin = Admin.create(kafka.common())) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = specs.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), Optional.of(t.partitions()), Optional.empty()).configs(t.config()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).values().forEach((name, f) -> {
                    try {
                        f.get(30, TimeUnit.SECONDS);
                        LOG.infof("created topic %s", name);
                    } catch (Exception e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw new IllegalStateException("cannot create topic " + name, e);
                        }
                    }
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the contract's topics: " + e.getMessage(), e);
        }
    }
}

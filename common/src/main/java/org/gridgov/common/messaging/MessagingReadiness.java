package org.gridgov.common.messaging;

import java.time.Duration;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Readiness says what is wrong with messaging: a consumer stuck retrying an unavailable database
 * or broker for longer than {@code gridgov.messaging.consumer.stall-alarm}, outbox rows waiting
 * longer than {@code gridgov.messaging.relay.pending-alarm}, or a dead relay. Parked rows and
 * dead-lettered messages are reported, and counted in metrics, without taking the service out.
 */
@Readiness
@ApplicationScoped
public class MessagingReadiness implements HealthCheck {
    @Inject
    CloudEventConsumers consumers;

    @Inject
    OutboxRelay relay;

    @Inject
    MessagingConfig config;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("messaging").up();
        StringBuilder wrong = new StringBuilder();
        for (ConsumerState st : consumers.states()) {
            Duration stalled = st.stalledFor();
            if (stalled.compareTo(config.consumer().stallAlarm()) > 0) {
                wrong.append("consumer ").append(st.name()).append(" retrying for ").append(stalled.toSeconds())
                        .append(" s: ").append(st.stallReason()).append("; ");
            }
            if (st.deadLettered() > 0) {
                b.withData("dead-lettered." + st.name(), st.deadLettered());
            }
        }
        if (config.relay().enabled() && !relay.running()) {
            wrong.append("outbox relay not running; ");
        }
        Duration pending = relay.oldestPending();
        b.withData("outbox.oldest-pending-seconds", pending.toSeconds());
        b.withData("outbox.parked", relay.parked());
        if (pending.compareTo(config.relay().pendingAlarm()) > 0) {
            wrong.append("outbox rows waiting for ").append(pending.toSeconds()).append(" s: ")
                    .append(relay.lastError() == null ? "publishing is behind" : relay.lastError()).append("; ");
        }
        if (!wrong.isEmpty()) {
            b.down().withData("problem", wrong.toString().trim());
        }
        return b.build();
    }
}

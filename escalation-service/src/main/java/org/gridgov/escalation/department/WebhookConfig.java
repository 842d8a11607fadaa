package org.gridgov.escalation.department;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code gridgov.webhook.*}: delivery of task facts to departments on webhooks, and their signed replies. Every default is here. */
@ConfigMapping(prefix = "gridgov.webhook")
public interface WebhookConfig {

    /** run the sender (off where another replica sends; the rows wait for any replica that runs it) */
    @WithDefault("true")
    boolean enabled();

    /** how often the sender looks for due deliveries besides being woken by a commit */
    @WithDefault("1s")
    Duration poll();

    /** attempts of one delivery before it is dead-lettered (visible to admins, redrivable) */
    @WithDefault("10")
    int maxAttempts();

    /** the wait after the first failed attempt; it doubles after each further failure */
    @WithDefault("10s")
    Duration initialBackoff();

    /** the longest wait between two attempts */
    @WithDefault("1h")
    Duration maxBackoff();

    /** how long one POST may take (connect and answer) */
    @WithDefault("10s")
    Duration timeout();

    /** how far a signed reply's timestamp may be from now, either way; an older one is a replay and refused */
    @WithDefault("5m")
    Duration replyTolerance();
}

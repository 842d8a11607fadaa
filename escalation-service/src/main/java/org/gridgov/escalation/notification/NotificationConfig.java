package org.gridgov.escalation.notification;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code gridgov.notification.*}: telling people of dispatches, warnings, overdue tasks and 督办. Every default is here. */
@ConfigMapping(prefix = "gridgov.notification")
public interface NotificationConfig {
    /** read the task facts and send (off: nothing is recorded or sent) */
    @WithDefault("true")
    boolean enabled();

    /** how often the sender looks for due notifications */
    @WithDefault("1s")
    Duration poll();

    /** attempts of one notification before it is recorded as failed */
    @WithDefault("5")
    int maxAttempts();

    /** the wait after the first failed attempt; it doubles after each further one */
    @WithDefault("30s")
    Duration initialBackoff();

    /** lifecycle facts older than this are not told to the resident (old news, e.g. when the consumer starts on an old topic) */
    @WithDefault("1d")
    Duration residentMaxAge();

    Sms sms();

    interface Sms {
        /** the SMS gateway's endpoint (see docs/notifications.md); without it the SMS channel fails each message */
        Optional<String> url();

        /** sent as {@code Authorization: Bearer <key>} */
        Optional<String> apiKey();

        @WithDefault("10s")
        Duration timeout();
    }
}

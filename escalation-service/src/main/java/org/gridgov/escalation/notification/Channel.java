package org.gridgov.escalation.notification;

/** The ways a person is told. Each is a {@link NotificationChannel}. */
public enum Channel {
    /** Quarkus Mailer over SMTP */
    EMAIL,
    /** an SMS gateway over HTTP */
    SMS,
    /** the console's live feed (server-sent events), silent: never held by quiet hours */
    FEED
}

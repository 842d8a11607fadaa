package org.gridgov.escalation.notification;

/**
 * One way to tell a person. {@link #send} returns when the message was handed over (to the SMTP
 * server, the SMS gateway, the live feed) and throws when it was not; the sender records either.
 */
public interface NotificationChannel {
    Channel channel();

    void send(Person to, Note note) throws Exception;

    /** a person as a channel needs them */
    record Person(String id, String name, String email, String phone) {
    }

    /** what is said; id is the notification's */
    record Note(java.util.UUID id, String kind, java.util.UUID eventId, java.util.UUID taskId, String subject, String body,
            java.time.OffsetDateTime createdAt) {
    }
}

package org.gridgov.escalation.notification;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Email through Quarkus Mailer (SMTP settings {@code quarkus.mailer.*}). */
@ApplicationScoped
public class EmailChannel implements NotificationChannel {
    @Inject
    Mailer mailer;

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public void send(Person to, Note note) {
        if (to.email() == null || to.email().isBlank()) {
            throw new IllegalStateException("person " + to.id() + " has no email address");
        }
        mailer.send(Mail.withText(to.email(), note.subject(), note.body()).addHeader("X-Gridgov-Notification", note.id().toString()));
    }
}

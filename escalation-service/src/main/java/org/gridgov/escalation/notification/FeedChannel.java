package org.gridgov.escalation.notification;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The console's live feed: each notification is pushed to the person's open server-sent-event
 * streams ({@code GET /notifications/stream}); what was missed is in {@code GET /notifications}.
 */
@ApplicationScoped
public class FeedChannel implements NotificationChannel {
    /** one item of the live feed */
    public record Item(String personId, Note note) {
    }

    private final BroadcastProcessor<Item> items = BroadcastProcessor.create();

    @Override
    public Channel channel() {
        return Channel.FEED;
    }

    @Override
    public void send(Person to, Note note) {
        items.onNext(new Item(to.id(), note));
    }

    /** the live items for one person */
    public Multi<Note> of(String personId) {
        return items.filter(i -> i.personId().equals(personId)).map(Item::note);
    }
}

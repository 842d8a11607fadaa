package org.gridgov.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.gridgov.common.contract.Channel;
import org.gridgov.common.messaging.OutboxMessage;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.event.lifecycle.ReportIntake;
import org.gridgov.event.lifecycle.ReportIntake.NewReport;
import org.gridgov.event.lifecycle.ReportIntake.Reported;
import org.gridgov.event.lifecycle.ReportIntake.Submission;
import org.gridgov.event.lifecycle.EventRecord;
import org.gridgov.event.lifecycle.EventStatus;
import org.gridgov.event.lifecycle.IntakeBatcher;
import org.gridgov.event.lifecycle.Requests;
import org.gridgov.event.lifecycle.TimelineEntry;
import org.gridgov.event.evidence.Evidence;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Group commit: reports written together in one transaction are each taken or refused on their
 * own merits, exactly as if each had been written alone.
 */
@QuarkusTest
class IntakeBatchTest {
    @Inject
    IntakeBatcher batcher;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    /** batches that failed as a whole and were written again report by report */
    double failedBatches() {
        return registry.counter("gridgov.intake.batch.failed").count();
    }

    /** a resident's report at a point; every test uses its own corner of the map */
    static Submission report(String category, double lat, double lon, String reporter, String key, String hash) {
        return new Submission(new NewReport(category, "井盖缺失 " + reporter, lat, lon, "思明路" + (int) (lat * 1000) + "号", Channel.APP,
                reporter, key, hash, null, null, null, null, null), null, null);
    }

    static Reported answer(CompletableFuture<Reported> f) throws Exception {
        return f.get();
    }

    static Throwable refusal(CompletableFuture<Reported> f) {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, f::get);
        return e.getCause();
    }

    static EventRecord stored(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> EventRecord.<EventRecord>findById(id));
    }

    static List<String> timeline(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> TimelineEntry.<TimelineEntry>list("eventId", id).stream()
                .map(t -> t.action.name()).sorted().toList());
    }

    static long announcements(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count("messageKey", id.toString()));
    }

    @Test
    void eachReportOfABatchIsTakenOrRefusedOnItsOwn() throws Exception {
        String key = "batch-" + UUID.randomUUID();
        String key2 = "batch-" + UUID.randomUUID();
        List<CompletableFuture<Reported>> before = batcher.writeTogether(List.of(
                report("road.pothole", 24.301, 118.301, "resident-b1", key, "h1"),
                report("road.pothole", 24.361, 118.361, "resident-b1", key2, "h2")));
        Reported earlier = answer(before.get(0));
        assertTrue(earlier.created());
        assertTrue(answer(before.get(1)).created());

        double failed = failedBatches();
        List<CompletableFuture<Reported>> answers = batcher.writeTogether(List.of(
                report("road.pothole", 24.311, 118.311, "resident-b2", null, null),
                report("public-order.unicorns", 24.321, 118.321, "resident-b3", null, null),
                report("road.pothole", 24.301, 118.301, "resident-b1", key, "h1"),
                report("road.pothole", 24.331, 118.331, "resident-b4", "other-" + UUID.randomUUID(), "h4"),
                report("road.pothole", 24.341, 118.341, "resident-b5", key, "h5"),
                report("road.pothole", 24.351, 118.351, "resident-b1", key2, "h-different")));

        assertEquals(failed, failedBatches(), "written together, in one transaction");
        Reported first = answer(answers.get(0));
        assertTrue(first.created());
        assertEquals(EventStatus.REPORTED, stored(first.event().id).status);
        assertEquals(List.of("REPORT"), timeline(first.event().id));
        assertEquals(1, announcements(first.event().id));

        ProblemException unknown = assertInstanceOf(ProblemException.class, refusal(answers.get(1)));
        assertEquals(400, unknown.status());
        assertEquals("category", unknown.errors().get(0).field());
        assertEquals(0L, (long) QuarkusTransaction.requiringNew().call(() -> EventRecord.count("reporterId", "resident-b3")));

        Reported retry = answer(answers.get(2));
        assertFalse(retry.created(), "a retry answers with the event its first submission created");
        assertEquals(earlier.event().id, retry.event().id);

        assertTrue(answer(answers.get(3)).created());
        assertTrue(answer(answers.get(4)).created(), "the same key from another reporter is another submission");

        ProblemException reused = assertInstanceOf(ProblemException.class, refusal(answers.get(5)));
        assertEquals(422, reused.status());
        assertEquals("Idempotency-Key", reused.errors().get(0).field());
        assertEquals(2L, (long) QuarkusTransaction.requiringNew().call(() -> EventRecord.count("reporterId", "resident-b1")));
    }

    @Test
    void aLaterReportOfTheSameProblemInTheBatchIsMergedIntoTheFirst() throws Exception {
        // 0.0001° of latitude is about 11 m, within the 50 m radius; the other category and the problem solved
        // on the spot are nobody's duplicates
        Submission onSpot = new Submission(new NewReport("road.pothole", "已填补", 24.4010, 118.4010, "思明路1号", Channel.GRID_PATROL,
                "worker-b", null, null, null, null, null, null, null), null, new Requests.SolvedOnSpot("填补完成",
                List.of(new Evidence("https://files.example/p.jpg", "image/jpeg", 1000L, IntakeTest.PHOTO_SHA))));
        double failed = failedBatches();
        List<CompletableFuture<Reported>> answers = batcher.writeTogether(List.of(
                onSpot,
                report("road.pothole", 24.4011, 118.4010, "resident-m1", null, null),
                report("road.pothole", 24.4012, 118.4010, "resident-m2", null, null),
                report("environment.garbage", 24.4012, 118.4010, "resident-m3", null, null),
                report("road.pothole", 24.4110, 118.4010, "resident-m4", null, null)));
        assertEquals(failed, failedBatches(), "written together, in one transaction");
        Reported fixed = answer(answers.get(0));
        Reported first = answer(answers.get(1));
        Reported second = answer(answers.get(2));
        assertEquals(EventStatus.CLOSED, stored(fixed.event().id).status);
        assertNull(stored(first.event().id).mergedInto, "a problem solved on the spot is no first report");
        assertEquals(first.event().id, stored(second.event().id).mergedInto);
        assertEquals(EventStatus.MERGED, stored(second.event().id).status);
        assertEquals(List.of("MERGE", "REPORT"), timeline(second.event().id));
        assertNull(stored(answer(answers.get(3)).event().id).mergedInto, "another category is another problem");
        assertNull(stored(answer(answers.get(4)).event().id).mergedInto, "1.1 km away is another problem");

        // and a report arriving after the batch finds the batch's first report
        Reported later = answer(batcher.writeTogether(List.of(report("road.pothole", 24.4010, 118.4011, "resident-m5", null, null))).get(0));
        assertEquals(first.event().id, stored(later.event().id).mergedInto);
    }

    @Inject
    ReportIntake events;

    @Test
    void aRetryThatLosesToAnotherReplicaAtTheUniqueKeyIsAnsweredWithTheWinnersEvent() throws Exception {
        // another replica writes the first submission and commits a moment after this one has probed and tried to insert
        String key = "replica-" + UUID.randomUUID();
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        CompletableFuture<Reported> other = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() -> {
            Reported r = events.intakeAll(List.of(report("road.pothole", 24.61, 118.61, "resident-r1", key, "h"))).get(0).get();
            EventRecord.flush();
            written.countDown();
            Thread.sleep(1500);
            return r;
        }));
        written.await();
        Reported mine = batcher.submit(report("road.pothole", 24.61, 118.61, "resident-r1", key, "h"));
        assertFalse(mine.created());
        assertEquals(other.get().event().id, mine.event().id);
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(() -> EventRecord.count("reporterId", "resident-r1")));
    }

    @Test
    void aBatchThatFailsAsAWholeIsWrittenAgainReportByReport() throws Exception {
        Submission broken = new Submission(new NewReport("road.pothole", "坏的", 24.5, 118.5, "思明路9号", Channel.APP, "resident-f2", null, null,
                null, null, null, null, null), e -> {
                    throw new IllegalStateException("the channel's fields could not be read");
                }, null);
        String key = "twice-" + UUID.randomUUID();
        double failed = failedBatches();
        List<CompletableFuture<Reported>> answers = batcher.writeTogether(List.of(
                report("road.pothole", 24.51, 118.51, "resident-f1", null, null),
                broken,
                report("road.pothole", 24.52, 118.52, "resident-f3", key, "h"),
                report("road.pothole", 24.52, 118.52, "resident-f3", key, "h")));
        assertEquals(failed + 1, failedBatches());
        assertTrue(answer(answers.get(0)).created());
        assertInstanceOf(IllegalStateException.class, refusal(answers.get(1)));
        assertEquals(0L, (long) QuarkusTransaction.requiringNew().call(() -> EventRecord.count("reporterId", "resident-f2")));
        Reported once = answer(answers.get(2));
        Reported again = answer(answers.get(3));
        assertTrue(once.created());
        assertFalse(again.created());
        assertEquals(once.event().id, again.event().id);
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(() -> EventRecord.count("reporterId", "resident-f3")));
    }
}

package org.gridgov.event.lifecycle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.Session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Finds the first report of the same problem: the same category, within a radius and a time
 * window of the new report, not finished, itself not a duplicate. Thresholds are configuration
 * ({@code gridgov.event.duplicates.*}); a radius of 0 turns merging off.
 */
@ApplicationScoped
public class Duplicates {
    private static final double METRES_PER_DEGREE = 111_320.0;

    @jakarta.inject.Inject
    org.gridgov.event.config.EventConfig config;

    @Inject
    EntityManager em;

    public String describe() {
        return "same category within " + (int) config.duplicates().radiusMetres() + " m and " + config.duplicates().window().toHours() + " h";
    }

    /**
     * The earliest open report each of these new reports duplicates, if any: one written before, or
     * one earlier in the list. Reports without a point, and null entries, are never merged
     * automatically. Runs before the new reports are written, as plain SQL on the intake's
     * connection: it is on the path of every report and needs only ids and points, so one query
     * probes for all of them.
     *
     * @return one answer per report, in order
     */
    public List<Optional<UUID>> firstReportsOf(List<EventRecord> reports) {
        List<Optional<UUID>> firsts = new ArrayList<>(java.util.Collections.nCopies(reports.size(), Optional.<UUID> empty()));
        List<Integer> probed = probed(reports);
        if (probed.isEmpty()) {
            return firsts;
        }
        double dLat = config.duplicates().radiusMetres() / METRES_PER_DEGREE;
        em.unwrap(Session.class).doWork(c -> {
            lockNeighbourhoods(c, probed.stream().map(reports::get).toList(), dLat);
            findStoredFirsts(c, reports, probed, dLat, firsts);
        });
        findFirstsEarlierInList(reports, probed, firsts);
        return firsts;
    }

    /** The positions of the reports to look for duplicates of: those with a point, when merging is on. */
    private List<Integer> probed(List<EventRecord> reports) {
        List<Integer> probed = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            EventRecord e = reports.get(i);
            if (config.duplicates().radiusMetres() > 0 && e != null && e.latitude != null && e.longitude != null) {
                probed.add(i);
            }
        }
        return probed;
    }

    /** One query for all probed reports: the earliest stored open report within each one's radius and window. */
    private void findStoredFirsts(Connection c, List<EventRecord> reports, List<Integer> probed, double dLat,
            List<Optional<UUID>> firsts) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select k.i, e.id, e.latitude, e.longitude "
                + "from unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::float8[], ?::float8[], ?::float8[]) "
                + "as k(i, category, since, until, lat0, lat1, lon0, lon1) cross join lateral ("
                + "select id, latitude, longitude, reported_at from event where category = k.category and merged_into is null "
                + "and reported_at >= k.since::timestamptz and reported_at <= k.until::timestamptz "
                + "and status not in ('CLOSED', 'REJECTED', 'MERGED') and latitude between k.lat0 and k.lat1 "
                + "and longitude between k.lon0 and k.lon1 order by reported_at, id limit 50) e "
                + "order by k.i, e.reported_at, e.id")) {
            bindProbes(c, q, reports, probed, dLat);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    int i = rs.getInt(1);
                    EventRecord e = reports.get(i);
                    if (firsts.get(i).isEmpty() && metres(e.latitude, e.longitude, rs.getDouble(3), rs.getDouble(4)) <= config.duplicates().radiusMetres()) {
                        firsts.set(i, Optional.of(rs.getObject(2, UUID.class)));
                    }
                }
            }
        }
    }

    /** Each probed report's category, time window and bounding box, as the query's parallel arrays. */
    private void bindProbes(Connection c, PreparedStatement q, List<EventRecord> reports, List<Integer> probed, double dLat)
            throws SQLException {
        int n = probed.size();
        Object[] index = new Object[n], category = new Object[n], since = new Object[n], until = new Object[n];
        Object[] lat0 = new Object[n], lat1 = new Object[n], lon0 = new Object[n], lon1 = new Object[n];
        for (int k = 0; k < n; k++) {
            EventRecord e = reports.get(probed.get(k));
            double dLon = config.duplicates().radiusMetres() / (METRES_PER_DEGREE * Math.max(0.01, Math.cos(Math.toRadians(e.latitude))));
            index[k] = probed.get(k);
            category[k] = e.category;
            // within the window on either side: a report that waited for the lock below may find one filed
            // meanwhile whose clock reading is a little later than its own
            since[k] = e.reportedAt.minus(config.duplicates().window()).toString();
            until[k] = e.reportedAt.plus(config.duplicates().window()).toString();
            lat0[k] = e.latitude - dLat;
            lat1[k] = e.latitude + dLat;
            lon0[k] = e.longitude - dLon;
            lon1[k] = e.longitude + dLon;
        }
        q.setArray(1, c.createArrayOf("int4", index));
        q.setArray(2, c.createArrayOf("text", category));
        q.setArray(3, c.createArrayOf("text", since));
        q.setArray(4, c.createArrayOf("text", until));
        q.setArray(5, c.createArrayOf("float8", lat0));
        q.setArray(6, c.createArrayOf("float8", lat1));
        q.setArray(7, c.createArrayOf("float8", lon0));
        q.setArray(8, c.createArrayOf("float8", lon1));
    }

    /** A report earlier in the list is written first: a later one within its radius and window duplicates it. */
    private void findFirstsEarlierInList(List<EventRecord> reports, List<Integer> probed, List<Optional<UUID>> firsts) {
        for (int a = 0; a < probed.size(); a++) {
            int i = probed.get(a);
            EventRecord e = reports.get(i);
            for (int b = 0; b < a && firsts.get(i).isEmpty(); b++) {
                EventRecord earlier = reports.get(probed.get(b));
                if (firsts.get(probed.get(b)).isEmpty() && earlier.category.equals(e.category)
                        && !earlier.reportedAt.isBefore(e.reportedAt.minus(config.duplicates().window())) && !earlier.reportedAt.isAfter(e.reportedAt.plus(config.duplicates().window()))
                        && metres(e.latitude, e.longitude, earlier.latitude, earlier.longitude) <= config.duplicates().radiusMetres()) {
                    firsts.set(i, Optional.of(earlier.id));
                }
            }
        }
    }

    /**
     * Two reports of one problem arriving at the same moment must not both become first reports. The
     * check takes a transaction lock on the category in every latitude band (one radius high) that
     * the radius touches: two reports within the radius of each other always share one of these
     * locks, so the second waits until the first has committed and then finds it. All locks of the
     * reports written together are taken in one ascending order, so two intakes cannot deadlock.
     */
    private static void lockNeighbourhoods(Connection c, List<EventRecord> reports, double dLat) throws SQLException {
        java.util.TreeSet<Long> locks = new java.util.TreeSet<>();
        for (EventRecord e : reports) {
            long from = (long) Math.floor((e.latitude - dLat) / dLat);
            long to = (long) Math.floor((e.latitude + dLat) / dLat);
            for (long band = from; band <= to; band++) {
                locks.add(((long) e.category.hashCode() << 32) | (band & 0xffffffffL));
            }
        }
        StringBuilder sql = new StringBuilder("select 1");
        for (int k = 0; k < locks.size(); k++) {
            sql.append(", pg_advisory_xact_lock(?, ?)");
        }
        try (PreparedStatement lock = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (long key : locks) {
                lock.setInt(i++, (int) (key >> 32));
                lock.setInt(i++, (int) key);
            }
            lock.executeQuery().close();
        }
    }

    /** Great-circle distance (haversine) in metres. */
    static double metres(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * 6_371_000.0 * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}

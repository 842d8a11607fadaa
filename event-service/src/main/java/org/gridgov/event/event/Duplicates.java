package org.gridgov.event.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
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

    @ConfigProperty(name = "gridgov.event.duplicates.radius-metres", defaultValue = "50")
    double radiusMetres;

    @ConfigProperty(name = "gridgov.event.duplicates.window", defaultValue = "PT72H")
    Duration window;

    @Inject
    EntityManager em;

    public String describe() {
        return "same category within " + (int) radiusMetres + " m and " + window.toHours() + " h";
    }

    /**
     * The earliest open report this one duplicates, if any. Reports without a point are never merged
     * automatically. Runs before the new report is written, as plain SQL on the intake's connection:
     * it is on the path of every report and needs only ids and points.
     */
    public Optional<UUID> firstReportOf(EventRecord e) {
        if (radiusMetres <= 0 || e.latitude == null) {
            return Optional.empty();
        }
        double dLat = radiusMetres / METRES_PER_DEGREE;
        double dLon = radiusMetres / (METRES_PER_DEGREE * Math.max(0.01, Math.cos(Math.toRadians(e.latitude))));
        return em.unwrap(Session.class).doReturningWork(c -> {
            lockNeighbourhood(c, e.category, e.latitude, dLat);
            try (PreparedStatement q = c.prepareStatement("select id, latitude, longitude from event "
                    + "where category = ? and merged_into is null and id <> ? and reported_at >= ? and reported_at <= ? "
                    + "and status not in ('CLOSED', 'REJECTED', 'MERGED') and latitude between ? and ? and longitude between ? and ? "
                    + "order by reported_at, id limit 50")) {
                q.setString(1, e.category);
                q.setObject(2, e.id);
                q.setObject(3, e.reportedAt.minus(window));
                // within the window on either side: a report that waited for the lock above may find one filed
                // meanwhile whose clock reading is a little later than its own
                q.setObject(4, e.reportedAt.plus(window));
                q.setDouble(5, e.latitude - dLat);
                q.setDouble(6, e.latitude + dLat);
                q.setDouble(7, e.longitude - dLon);
                q.setDouble(8, e.longitude + dLon);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        if (metres(e.latitude, e.longitude, rs.getDouble(2), rs.getDouble(3)) <= radiusMetres) {
                            return Optional.of(rs.getObject(1, UUID.class));
                        }
                    }
                    return Optional.empty();
                }
            }
        });
    }

    /**
     * Two reports of one problem arriving at the same moment must not both become first reports. The
     * check takes a transaction lock on the category in every latitude band (one radius high) that
     * the radius touches: two reports within the radius of each other always share one of these
     * locks, so the second waits until the first has committed and then finds it. Bands are locked
     * in ascending order, so the locks cannot deadlock.
     */
    private static void lockNeighbourhood(Connection c, String category, double latitude, double dLat) throws SQLException {
        long from = (long) Math.floor((latitude - dLat) / dLat);
        long to = (long) Math.floor((latitude + dLat) / dLat);
        StringBuilder sql = new StringBuilder("select 1");
        for (long b = from; b <= to; b++) {
            sql.append(", pg_advisory_xact_lock(?, ?)");
        }
        try (PreparedStatement lock = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (long b = from; b <= to; b++) {
                lock.setInt(i++, category.hashCode());
                lock.setInt(i++, (int) b);
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

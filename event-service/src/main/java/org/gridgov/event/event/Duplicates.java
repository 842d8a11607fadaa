package org.gridgov.event.event;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;

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

    public String describe() {
        return "same category within " + (int) radiusMetres + " m and " + window.toHours() + " h";
    }

    /** The earliest open report this one duplicates, if any. Reports without a point are never merged automatically. */
    public Optional<EventRecord> firstReportOf(EventRecord e) {
        if (radiusMetres <= 0 || e.latitude == null) {
            return Optional.empty();
        }
        double dLat = radiusMetres / METRES_PER_DEGREE;
        double dLon = radiusMetres / (METRES_PER_DEGREE * Math.max(0.01, Math.cos(Math.toRadians(e.latitude))));
        // single-valued parameters only: Hibernate caches the translation of such a query (a collection
        // parameter would make it translate the query again on every report)
        List<EventRecord> near = EventRecord.<EventRecord>find("category = ?1 and mergedInto is null and id <> ?2 "
                + "and reportedAt >= ?3 and reportedAt <= ?4 and status <> ?5 and status <> ?6 and status <> ?7 "
                + "and latitude between ?8 and ?9 and longitude between ?10 and ?11 order by reportedAt, id",
                e.category, e.id, e.reportedAt.minus(window), e.reportedAt, EventStatus.CLOSED, EventStatus.REJECTED,
                EventStatus.MERGED, e.latitude - dLat, e.latitude + dLat, e.longitude - dLon, e.longitude + dLon).page(0, 50).list();
        return near.stream().filter(o -> metres(e.latitude, e.longitude, o.latitude, o.longitude) <= radiusMetres).findFirst();
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

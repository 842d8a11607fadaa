package org.gridgov.common.geo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * An immutable spatial index of grid boundaries: which grid contains a point. A point on a border
 * shared by several grids (or in an overlap) gets the grid with the smallest code, so the answer
 * never depends on load order. Build a new index when boundaries change.
 */
public final class GridIndex {

    public record Entry(String code, Geometry boundary) {
    }

    private record Prepared(String code, PreparedGeometry geometry) {
    }

    private final STRtree tree = new STRtree();
    private final int size;

    public GridIndex(Collection<Entry> entries) {
        for (Entry e : entries) {
            tree.insert(e.boundary().getEnvelopeInternal(), new Prepared(e.code(), PreparedGeometryFactory.prepare(e.boundary())));
        }
        tree.build();
        size = entries.size();
    }

    public static GridIndex empty() {
        return new GridIndex(List.of());
    }

    public int size() {
        return size;
    }

    /** @return the code of the grid covering (longitude, latitude), empty when no grid does */
    public Optional<String> locate(double longitude, double latitude) {
        Point p = GeoJson.FACTORY.createPoint(new Coordinate(longitude, latitude));
        String best = null;
        List<?> candidates = size == 0 ? List.of() : tree.query(p.getEnvelopeInternal());
        for (Object o : candidates) {
            Prepared c = (Prepared) o;
            if ((best == null || c.code().compareTo(best) < 0) && c.geometry().covers(p)) {
                best = c.code();
            }
        }
        return Optional.ofNullable(best);
    }

    /** Codes of the indexed boundaries whose interior overlaps the interior of {@code g}, smallest first. */
    public List<String> overlapping(Geometry g, String exceptCode) {
        List<String> out = new ArrayList<>();
        for (Object o : tree.query(g.getEnvelopeInternal())) {
            Prepared c = (Prepared) o;
            if (!c.code().equals(exceptCode) && c.geometry().getGeometry().relate(g, "T********")) {
                out.add(c.code());
            }
        }
        out.sort(String::compareTo);
        return out;
    }

    /** All codes covering the point, smallest first (for diagnostics and overlap checks). */
    public List<String> covering(double longitude, double latitude) {
        Point p = GeoJson.FACTORY.createPoint(new Coordinate(longitude, latitude));
        List<String> out = new ArrayList<>();
        for (Object o : tree.query(p.getEnvelopeInternal())) {
            Prepared c = (Prepared) o;
            if (c.geometry().covers(p)) {
                out.add(c.code());
            }
        }
        out.sort(String::compareTo);
        return out;
    }
}

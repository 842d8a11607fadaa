package org.gridgov.event.replica;

import java.util.List;
import java.util.Optional;

import org.gridgov.common.geo.GeoJson;
import org.gridgov.common.geo.GridIndex;
import org.gridgov.common.geo.RefreshingGridIndex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Locates points to grids from the local replica (no call to grid-service on the hot path). The
 * spatial index is rebuilt after the replica table changes, on every replica of the service.
 */
@ApplicationScoped
public class GridLocator {

    @Inject
    ObjectMapper mapper;

    /** rebuilt when the replica table changed, seen from any replica of event-service within a second */
    private final RefreshingGridIndex index = new RefreshingGridIndex(1000);

    /** A grid as the index knows it: enough to place an event, without another query. */
    public record Place(String code, String name, String communityCode, String streetCode) {
    }

    /** the places of the grids in the current index, swapped together with it */
    private volatile java.util.Map<String, Place> places = java.util.Map.of();

    public Optional<Place> locate(double longitude, double latitude) {
        GridIndex idx = QuarkusTransaction.joiningExisting().call(() -> index.get(
                () -> GridReplica.getEntityManager().createNativeQuery(
                        "select coalesce(cast(max(updated_at) as text), '') || '/' || count(*) from grid_replica").getSingleResult(),
                this::build));
        return idx.locate(longitude, latitude).map(code -> {
            Place p = places.get(code);
            return p != null ? p : QuarkusTransaction.joiningExisting().call(() -> {
                GridReplica g = GridReplica.findById(code);
                return g == null ? null : new Place(g.code, g.name, g.communityCode, g.streetCode);
            });
        });
    }

    /** A grid's name from the index (any replica grid, active or not, through the database otherwise). */
    public String name(String code) {
        Place p = places.get(code);
        if (p != null) {
            return p.name();
        }
        GridReplica g = QuarkusTransaction.joiningExisting().call(() -> GridReplica.findById(code));
        return g == null ? null : g.name;
    }

    /** Forget the index; the next locate builds it from the replica as it is then. */
    public void invalidate() {
        index.invalidate();
    }

    GridIndex build() {
        List<GridReplica> grids = GridReplica.list("level = 'GRID' and status = 'ACTIVE' and boundary is not null");
        java.util.Map<String, Place> byCode = new java.util.HashMap<>();
        grids.forEach(g -> byCode.put(g.code, new Place(g.code, g.name, g.communityCode, g.streetCode)));
        places = byCode;
        return new GridIndex(grids.stream().map(g -> new GridIndex.Entry(g.code, GeoJson.polygonal(read(g.boundary), "boundary")))
                .toList());
    }

    private com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

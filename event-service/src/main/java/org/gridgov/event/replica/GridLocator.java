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

    public Optional<GridReplica> locate(double longitude, double latitude) {
        GridIndex idx = QuarkusTransaction.joiningExisting().call(() -> index.get(
                () -> GridReplica.getEntityManager().createNativeQuery(
                        "select coalesce(cast(max(updated_at) as text), '') || '/' || count(*) from grid_replica").getSingleResult(),
                this::build));
        return idx.locate(longitude, latitude).map(code -> QuarkusTransaction.joiningExisting()
                .call(() -> GridReplica.<GridReplica>findById(code)));
    }

    /** Forget the index; the next locate builds it from the replica as it is then. */
    public void invalidate() {
        index.invalidate();
    }

    GridIndex build() {
        List<GridReplica> grids = GridReplica.list("level = 'GRID' and status = 'ACTIVE' and boundary is not null");
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

package org.gridgov.common.geo;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A spatial index that follows the table it is built from, on every replica of a service: at most
 * once per interval it asks for a cheap stamp of the table (e.g. the latest change time and the
 * row count) and rebuilds the index when the stamp differs. A replica that did not see a change
 * itself therefore catches up within the interval; the replica that made the change invalidates
 * at once.
 */
public final class RefreshingGridIndex {
    private final long checkEveryMillis;
    private volatile GridIndex index;
    private volatile Object stamp;
    private volatile long nextCheck;

    public RefreshingGridIndex(long checkEveryMillis) {
        this.checkEveryMillis = checkEveryMillis;
    }

    /**
     * @param currentStamp reads the stamp of the source table (called at most once per interval)
     * @param build        builds the index from the source table
     */
    public GridIndex get(Supplier<Object> currentStamp, Supplier<GridIndex> build) {
        GridIndex idx = index;
        long now = System.currentTimeMillis();
        if (idx != null && now < nextCheck) {
            return idx;
        }
        synchronized (this) {
            if (index != null && System.currentTimeMillis() < nextCheck) {
                return index;
            }
            Object s = currentStamp.get();
            if (index == null || !Objects.equals(s, stamp)) {
                index = build.get();
                stamp = s;
            }
            nextCheck = System.currentTimeMillis() + checkEveryMillis;
            return index;
        }
    }

    /** Forget the index now (after a change made by this replica). */
    public void invalidate() {
        index = null;
    }
}

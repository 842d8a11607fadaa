package org.gridgov.console.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The console's settings (prefix {@code gridgov.console}); every default is here. */
@ConfigMapping(prefix = "gridgov.console")
public interface ConsoleConfig {

    /** Where the four services answer; the console forwards {@code /api/<service>/...} there. */
    Services services();

    /** How long a forwarded call may take. */
    @WithDefault("PT30S")
    Duration timeout();

    /**
     * The local run's demo tokens ({@code tokens.env} as {@code ./run.sh} writes it). Read by the local sign-in page,
     * which exists only in the dev, local and test profiles.
     */
    Optional<Path> demoTokens();

    /** The map. */
    MapSettings map();

    interface Services {
        @WithDefault("http://localhost:8081")
        String grid();

        @WithDefault("http://localhost:8082")
        String event();

        @WithDefault("http://localhost:8083")
        String escalation();

        @WithDefault("http://localhost:8084")
        String scoring();
    }

    interface MapSettings {
        /**
         * A raster tile URL template ({z}/{x}/{y}), e.g. Tianditu's or the city's own tiles; empty: no base map, the
         * grid boundaries alone are drawn (vector, no tile server needed).
         */
        Optional<String> baseMapUrl();

        /** Attribution shown with the base map (e.g. 天地图 / the city's surveying office). */
        Optional<String> baseMapAttribution();

        /**
         * The datum of the base-map tiles: WGS84 (Tianditu, most government tiles: the same datum as every coordinate
         * of the suite) or GCJ02 (Gaode/AMap, Tencent tiles: every point is shifted into GCJ-02 before drawing).
         */
        @WithDefault("WGS84")
        Datum baseMapDatum();

        /** Where the map opens: latitude, longitude (WGS-84) and zoom. */
        @WithDefault("25.964")
        double centreLatitude();

        @WithDefault("119.526")
        double centreLongitude();

        @WithDefault("15")
        int zoom();
    }

    enum Datum {
        WGS84, GCJ02
    }
}

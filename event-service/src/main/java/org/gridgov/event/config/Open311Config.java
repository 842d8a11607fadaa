package org.gridgov.event.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code gridgov.open311.*}: the Open311 GeoReport v2 endpoint. Every default is here. */
@ConfigMapping(prefix = "gridgov.open311")
public interface Open311Config {

    /** the jurisdiction this endpoint serves: a client may send it as {@code jurisdiction_id}; another one is refused */
    @WithDefault("gridgov.local")
    String jurisdictionId();

    /** requests a client application may post per minute unless its registration says otherwise */
    @WithDefault("60")
    int defaultRateLimitPerMinute();

    /** where GET /discovery says the endpoint is; unset: the address the client called */
    Optional<String> publicUrl();

    /** who runs the endpoint, for GET /discovery */
    @WithDefault("gridgov command centre (指挥中心), see the project README")
    String contact();

    /** where a developer asks for an api_key, for GET /discovery */
    @WithDefault("an administrator registers the application: POST /admin/open311/clients")
    String keyService();

    /** when this endpoint's services or behaviour last changed, for GET /discovery */
    @WithDefault("2026-12-01T00:00:00Z")
    String changeset();
}

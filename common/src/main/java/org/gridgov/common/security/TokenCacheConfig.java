package org.gridgov.common.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code gridgov.security.token-cache.*}: the cache of verified bearer tokens ({@link VerifiedTokenCache}). */
@ConfigMapping(prefix = "gridgov.security.token-cache")
public interface TokenCacheConfig {

    /** tokens kept at most; 0 turns the cache off (every request verifies its token) */
    @WithDefault("10000")
    int size();

    /** a token is verified again this long after it was verified, or at its expiry if sooner */
    @WithDefault("PT5M")
    java.time.Duration maxAge();
}

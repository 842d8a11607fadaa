package org.gridgov.common.pii;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code gridgov.pii.*}: personal data at rest. */
@ConfigMapping(prefix = "gridgov.pii")
public interface PiiConfig {

    /**
     * AES-256 key, base64 of 32 bytes. Its only default is the repository's key, in
     * {@code META-INF/microprofile-config.properties}, for the local run and tests; production sets {@code GRIDGOV_PII_KEY}.
     */
    String key();

    /** this service keeps personal data (grid-service, event-service): it then refuses to start with the repository's key */
    @WithDefault("false")
    boolean kept();
}

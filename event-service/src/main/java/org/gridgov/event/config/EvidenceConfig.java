package org.gridgov.event.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code gridgov.evidence.*}: photos and files. Every default is here. */
@ConfigMapping(prefix = "gridgov.evidence")
public interface EvidenceConfig {

    /** where the bytes are kept (a volume in Kubernetes) */
    @WithDefault("${java.io.tmpdir}/gridgov-evidence")
    Path dir();

    /** bytes of one file at most */
    @WithDefault("20971520")
    long maxBytes();

    /** types taken as evidence */
    @WithDefault("image/jpeg,image/png,image/webp,image/heic,video/mp4,audio/mpeg,audio/amr,application/pdf")
    Set<String> contentTypes();

    /** files per report or step at most */
    @WithDefault("9")
    int maxFiles();

    /** bytes one user may upload in 24 hours */
    @WithDefault("209715200")
    long quotaBytes();

    /** how long an uploaded file may stay unattached to any event before it is purged */
    @WithDefault("PT24H")
    Duration unattachedRetention();
}

package org.gridgov.event.evidence;

import java.io.InputStream;
import java.util.Optional;

/**
 * Where the bytes of photos and files live. The default keeps them on local disk (a volume in
 * Kubernetes); an object store (MinIO, OSS, S3) is another implementation of this interface.
 * Content is addressed by its SHA-256, so storing the same photo twice keeps one copy.
 */
public interface EvidenceStore {
    /** Stores the bytes under their hash; a second store of the same content is a no-op. */
    void put(String sha256, byte[] content);

    /** The bytes stored under the hash, if any. */
    Optional<InputStream> get(String sha256);

    /** Forgets the bytes stored under the hash (no file refers to them any more). */
    void delete(String sha256);
}

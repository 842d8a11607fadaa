package org.gridgov.deploycheck;

/** A manifest that cannot be rendered: unreadable YAML, an unsupported kustomize field, a patch that does not apply. */
final class ManifestException extends RuntimeException {
    ManifestException(String message) {
        super(message);
    }
}

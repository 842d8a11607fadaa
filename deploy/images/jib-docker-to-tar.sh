#!/usr/bin/env bash
# A stand-in for the `docker` command that Jib runs when Quarkus builds an image "to the local Docker
# daemon" (quarkus.container-image.build=true without push). Jib calls only two commands:
#   docker info -f {{json .}}   -> answered with this machine's OS and architecture
#   docker load                 -> the image, as a `docker save` archive, on standard input: written to
#                                  $GRIDGOV_IMAGE_DIR/<name>_<tag>.tar instead of being loaded
# Use it with
#   -Dquarkus.jib.docker-executable-name=$PWD/deploy/images/jib-docker-to-tar.sh
#   -Dquarkus.jib.docker-environment.GRIDGOV_IMAGE_DIR=$PWD/target/images
# The archive loads with `docker load -i`, `podman load -i`, `kind load image-archive`,
# `k3s ctr images import` or `skopeo copy docker-archive:<tar> docker://<registry>/<name>:<tag>`.
set -euo pipefail
case "${1:-}" in
  info)
    printf '{"OSType":"linux","Architecture":"%s"}\n' "$(uname -m)"
    ;;
  load)
    dir=${GRIDGOV_IMAGE_DIR:?set quarkus.jib.docker-environment.GRIDGOV_IMAGE_DIR to the output directory}
    mkdir -p "$dir"
    tmp=$(mktemp "$dir/.load.XXXXXX")
    cat > "$tmp"
    tag=$(tar -xOf "$tmp" manifest.json | sed -n 's/.*"RepoTags":\["\([^"]*\)".*/\1/p')
    [ -n "$tag" ] || { echo "jib-docker-to-tar: no RepoTags in the image archive" >&2; rm -f "$tmp"; exit 1; }
    file="$dir/$(printf '%s' "${tag##*/}" | tr ':' '_').tar"
    chmod 0644 "$tmp"
    mv "$tmp" "$file"
    echo "Loaded image: $tag (written to $file)"
    ;;
  *)
    echo "jib-docker-to-tar: '$*' is not supported (only 'info' and 'load')" >&2
    exit 1
    ;;
esac

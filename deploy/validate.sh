#!/usr/bin/env bash
# Renders and validates deploy/ offline with the deploy-check module: deploy/base and every
# deploy/overlays/* are rendered (a kustomize subset, compared with `kubectl kustomize` where kubectl
# is installed), every object is validated against the Kubernetes API models (client-java-api) or
# the CRD schemas in deploy/crds, and the rules of deploy/README.md are checked (probes, resources,
# references, topics = the event contract, one database and role per service, replica limits).
# `./mvnw verify` runs the same tests as part of the whole build.
#
#   deploy/validate.sh          check this repository's deploy/
#   deploy/validate.sh DIR      check another deploy directory, e.g. a copy with a change to try
#
# Exit status 0 when everything is valid; otherwise the failing checks are printed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
args=()
if [ $# -gt 0 ]; then
  args+=("-Dgridgov.deploy=$(cd "$1" && pwd)")
fi
cd "$root"
./mvnw -B -q -pl deploy-check -am verify "${args[@]}"
overlays=$(cd "${1:-$root/deploy}/overlays" && printf '%s ' */ | tr -d /)
echo "deploy: valid (base and overlays: ${overlays% })"

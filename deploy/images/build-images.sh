#!/usr/bin/env bash
# Builds the container images of the four services and the console without a Docker daemon and without pulling
# from a container registry, as `docker save` archives:
#   target/images/<service>_<version>.tar     e.g. target/images/event-service_0.1.0-SNAPSHOT.tar
# 1. the JVM base image from Debian packages (build-base-image.sh), unless BASE_IMAGE_TAR names one
#    (or target/images/gridgov-jre17-base.tar exists);
# 2. ./mvnw package with the Quarkus Jib extension (io.quarkus:quarkus-container-image-jib in the
#    service poms): base image tar://..., and jib-docker-to-tar.sh standing in for `docker load`;
# 3. checks every archive: its tag, the Quarkus entry point, user 1001, port 8080.
#
#   deploy/images/build-images.sh [extra Maven arguments, e.g. -Dquarkus.container-image.tag=0.1.0]
#
# To push to a registry instead, add -Dquarkus.container-image.push=true
# -Dquarkus.container-image.registry=registry.example.org (Jib pushes; no daemon needed either).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=${IMAGE_DIR:-$root/target/images}
base=${BASE_IMAGE_TAR:-$out/gridgov-jre17-base.tar}
# every image a Deployment of deploy/base runs (deploy-check's ManifestsTest holds the two lists together)
services=(grid-service event-service escalation-service scoring-service console)

[ -f "$base" ] || deploy/images/build-base-image.sh "$base"
mkdir -p "$out"
for s in "${services[@]}"; do rm -f "$out/${s}_"*.tar; done

./mvnw -B -q package -DskipTests -pl "$(IFS=,; echo "${services[*]}")" -am \
  -Dquarkus.container-image.build=true \
  -Dquarkus.container-image.group=gridgov \
  -Dquarkus.jib.base-jvm-image="tar://$base" \
  -Dquarkus.jib.docker-executable-name="$root/deploy/images/jib-docker-to-tar.sh" \
  -Dquarkus.jib.docker-environment.GRIDGOV_IMAGE_DIR="$out" \
  -Dquarkus.jib.user=1001 \
  -Dquarkus.jib.working-directory=/app \
  -Dquarkus.jib.ports=8080 \
  "$@"

failed=0
for s in "${services[@]}"; do
  files=("$out/${s}_"*.tar)
  f=${files[0]}
  if [ ! -f "$f" ]; then
    echo "FAIL $s: no image archive in $out" >&2; failed=1; continue
  fi
  manifest=$(tar -xOf "$f" manifest.json)
  config=$(tar -xOf "$f" "$(printf '%s' "$manifest" | sed -n 's/.*"Config":"\([^"]*\)".*/\1/p')")
  problems=()
  grep -q "\"RepoTags\":\[\"gridgov/$s:" <<<"$manifest" || problems+=("tag is not gridgov/$s")
  grep -q '"quarkus-run.jar"' <<<"$config" || problems+=("entry point does not run quarkus-run.jar")
  grep -Eq '"User" *: *"1001"' <<<"$config" || problems+=("user is not 1001")
  grep -q '"8080/tcp"' <<<"$config" || problems+=("port 8080 not exposed")
  layers=$(grep -o '\.tar\.gz"' <<<"$manifest" | wc -l)
  [ "$layers" -ge 3 ] || problems+=("only $layers layers")
  if [ ${#problems[@]} -gt 0 ]; then
    echo "FAIL $s: ${problems[*]}" >&2; failed=1
  else
    echo "ok   $(basename "$f") ($(du -h "$f" | cut -f1), $layers layers)"
  fi
done
exit $failed

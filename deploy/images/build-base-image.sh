#!/usr/bin/env bash
# Builds the JVM base image of the four services from Debian packages, with neither a container
# registry nor a Docker daemon: mmdebstrap assembles a Debian bookworm root file system with
# openjdk-17-jre-headless, and this script wraps it as a `docker save` archive, which Jib reads with
#   quarkus.jib.base-jvm-image=tar://<absolute path of that archive>
#
#   deploy/images/build-base-image.sh [OUTPUT.tar]      (default target/images/gridgov-jre17-base.tar)
#
# Needs the Debian mirror and mmdebstrap (Debian/Ubuntu package; installed with apt-get when run as
# root); as root it uses mmdebstrap --mode=root, otherwise --mode=unshare (unprivileged user namespaces).
# The image: Debian bookworm "essential" + OpenJDK 17 JRE + CA certificates (Java cacerts), user
# gridgov (uid 1001, gid 0) whose home is /app, LANG=C.UTF-8, no shell tools beyond Debian's essential set.
set -euo pipefail

out=${1:-target/images/gridgov-jre17-base.tar}
suite=${DEBIAN_SUITE:-bookworm}
# the Debian mirror is the one this machine's apt already uses: its source files are handed to
# mmdebstrap as they are (override with DEBIAN_SOURCES="file ...")
if [ -n "${DEBIAN_SOURCES:-}" ]; then
  read -r -a sources <<<"$DEBIAN_SOURCES"
else
  sources=()
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list; do
    if [ -s "$f" ] && grep -Eq '^[[:space:]]*(deb |Types:.*deb)' "$f"; then
      sources+=("$f")
    fi
  done
fi
if [ ${#sources[@]} -eq 0 ]; then
  echo "no apt sources found on this machine; set DEBIAN_SOURCES to an apt sources file" >&2
  exit 1
fi
tag=${BASE_IMAGE_TAG:-gridgov/jre17-base:$suite}

if ! command -v mmdebstrap >/dev/null; then
  if [ "$(id -u)" != 0 ]; then
    echo "mmdebstrap is missing: sudo apt-get install mmdebstrap (or give build-images.sh a BASE_IMAGE_TAR)" >&2
    exit 1
  fi
  echo "installing mmdebstrap (Debian package) ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mmdebstrap >/dev/null
fi
mode=root
[ "$(id -u)" = 0 ] || mode=unshare

arch=$(dpkg --print-architecture)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# the hooks get the root directory as $1 from mmdebstrap, hence the single quotes
# shellcheck disable=SC2016
mmdebstrap --quiet --mode="$mode" --variant=essential --format=tar \
  --include=openjdk-17-jre-headless,ca-certificates \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
  --customize-hook='echo "gridgov:x:1001:0:gridgov:/app:/usr/sbin/nologin" >> "$1/etc/passwd"' \
  --customize-hook='mkdir -p "$1/app" && chown 1001:0 "$1/app" && chmod 0775 "$1/app"' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/*' \
  "$suite" "$work/layer.tar" "${sources[@]}"

diff_id=sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
java_home=/usr/lib/jvm/java-17-openjdk-$arch
created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
cat > "$work/config.json" <<JSON
{"architecture":"$arch","os":"linux","created":"$created",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home","LANG=C.UTF-8"],
           "WorkingDir":"/app","Labels":{"org.opencontainers.image.description":"Debian $suite + OpenJDK 17 JRE, built by deploy/images/build-base-image.sh"}},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"$created","created_by":"mmdebstrap --variant=essential --include=openjdk-17-jre-headless,ca-certificates $suite"}]}
JSON
printf '[{"Config":"config.json","RepoTags":["%s"],"Layers":["layer.tar"]}]\n' "$tag" > "$work/manifest.json"

mkdir -p "$(dirname "$out")"
tar --owner=0 --group=0 --numeric-owner -C "$work" -cf "$out.partial" manifest.json config.json layer.tar
mv "$out.partial" "$out"
echo "base image $tag ($arch, $(du -h "$out" | cut -f1)) written to $out"

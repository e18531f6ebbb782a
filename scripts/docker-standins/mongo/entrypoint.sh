#!/bin/sh
# mongod's command line as the official image gets it (`[mongod] --replSet rs0 --keyFile …`) and
# its root user from MONGO_INITDB_ROOT_USERNAME/PASSWORD
# (https://github.com/docker-library/mongo/blob/master/docker-entrypoint.sh), mapped onto the
# emulator's CLI (mongodb/src/main.ts). Replica-set and key-file options have no emulator
# equivalent: the emulator always answers hello as a writable primary, so they are accepted and
# ignored; any other option is refused so a new use of the image fails loudly.
set -eu
case "${1:-}" in
  mongod) shift ;;
  -*|'') ;;
  *) exec "$@" ;;
esac
while [ $# -gt 0 ]; do
  case "$1" in
    --replSet|--keyFile|--bind_ip) shift 2 ;;
    --bind_ip_all) shift ;;
    *) echo "mongo stand-in: unsupported mongod option $1" >&2; exit 2 ;;
  esac
done
set -- --host 0.0.0.0 --port 27017
if [ -n "${MONGO_INITDB_ROOT_USERNAME:-}" ]; then
  set -- "$@" --user "$MONGO_INITDB_ROOT_USERNAME:${MONGO_INITDB_ROOT_PASSWORD:?MONGO_INITDB_ROOT_PASSWORD is required with a root user}"
fi
exec node /opt/keyspace/mongodb/src/main.ts "$@"

#!/bin/sh
# The official image's contract (https://github.com/docker-library/redis/blob/master/docker-entrypoint.sh):
# `redis-server [config-file] [--option value…]` runs as the redis user; options on the command
# line win over the defaults, and protected mode is off unless asked for, because the official
# image patches its default off (clients reach it through Docker's port mapping, not loopback).
set -eu
if [ "${1:-}" != redis-server ]; then exec "$@"; fi
shift
config=''
case "${1:-}" in
  ''|-*) ;;
  *) config=$1; shift ;;
esac
if [ "$(id -u)" = 0 ]; then
  set -- setpriv --reuid=redis --regid=redis --init-groups redis-server ${config:+"$config"} --protected-mode no "$@"
else
  set -- redis-server ${config:+"$config"} --protected-mode no "$@"
fi
exec "$@"

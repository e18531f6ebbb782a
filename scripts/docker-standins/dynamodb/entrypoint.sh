#!/bin/sh
# DynamoDB Local's flags (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DynamoDBLocal.UsageNotes.html)
# mapped onto the emulator's CLI (dynamodb/src/main.ts). Like DynamoDB Local without -sharedDb,
# the emulator keeps tables per access key id and region, and it never throttles. Flags without
# an equivalent (-sharedDb, -optimizeDbBeforeStartup, -delayTransientStatuses) are refused so a
# new use of the image fails loudly instead of behaving differently.
set -eu
port=8000
data=''
cors=''
while [ $# -gt 0 ]; do
  case "$1" in
    -jar) shift 2 ;;
    -inMemory) shift ;;
    -port) port=$2; shift 2 ;;
    -dbPath) data=$2; shift 2 ;;
    -cors) cors=--cors; shift 2 ;; # DynamoDB Local takes origins; the emulator allows any
    -disableTelemetry) shift ;;
    *) echo "dynamodb-local stand-in: unsupported flag $1" >&2; exit 2 ;;
  esac
done
exec node /opt/keyspace/dynamodb/src/main.ts --host 0.0.0.0 --port "$port" --no-throttling ${cors:+"$cors"} ${data:+--data-dir "$data"}

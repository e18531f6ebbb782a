// Container images of the docker provider, pinned in one place. Docker pulls them on first use;
// nothing is bundled (DynamoDB Local's jar stays in Amazon's image). `ryuk` is the resource reaper
// testcontainers starts beside them (its default, pinned here with the rest so a testcontainers
// upgrade cannot change it silently). scripts/docker-standins/ builds local stand-ins under these
// names for machines that cannot pull.
export const IMAGES = {
  postgres: 'postgres:17.5-alpine',
  mongo: 'mongo:8.0.12',
  redis: 'redis:7.4.5-alpine',
  dynamodb: 'amazon/dynamodb-local:2.6.1',
  ryuk: 'testcontainers/ryuk:0.14.0',
} as const;

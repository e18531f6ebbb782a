// Container images of the docker provider, pinned in one place. Docker pulls them on first use;
// nothing is bundled (DynamoDB Local's jar stays in Amazon's image).
export const IMAGES = {
  postgres: 'postgres:17.5-alpine',
  mongo: 'mongo:8.0.12',
  redis: 'redis:7.4.5-alpine',
  dynamodb: 'amazon/dynamodb-local:2.6.1',
} as const;

/**
 * The real servers, as `npm test` provisions them (`KAFKA_BROKERS`, `DATABASE_URL`, `MONGODB_URL`, `REDIS_URL`,
 * `SMTP_URL`, `MAILPIT_URL`; the defaults are infra/local's).
 */
export const servers = {
  kafkaBrokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
  databaseUrl: process.env['DATABASE_URL'] ?? 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow',
  mongodbUrl: process.env['MONGODB_URL'] ?? 'mongodb://127.0.0.1:27017/eventflow',
  redisUrl: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  smtpUrl: process.env['SMTP_URL'] ?? 'smtp://127.0.0.1:1025',
  mailpitUrl: process.env['MAILPIT_URL'] ?? 'http://127.0.0.1:8025',
};

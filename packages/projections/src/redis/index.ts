export { redisReadModel, type HashChange, type RedisContext, type RedisReadModelOptions } from './redis-read-model.ts';

export { markField, mongoReadModel, type MongoContext } from './mongo-read-model.ts';

export * from './events.ts';
export * from './topics.ts';
export * from './http.ts';

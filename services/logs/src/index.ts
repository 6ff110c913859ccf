export { LogFeed, type FeedEntry, type FeedQuery } from './feed.ts';
export { logsService, type LogsServiceOptions } from './service.ts';
export { logs } from './descriptor.ts';

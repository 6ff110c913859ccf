export { notificationsService, notificationsDeadLetterTopic, type NotificationsServiceOptions } from './service.ts';
export { templates, reasonOf, type NotificationKind } from './templates.ts';

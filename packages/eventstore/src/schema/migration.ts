export type { Migration } from '@eventflow/sql';

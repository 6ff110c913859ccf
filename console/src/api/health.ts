import type { PlatformHealth, ServiceHealth } from '@eventflow/gateway';
import { getJson } from './http.ts';

export type { PlatformHealth, ServiceHealth };

/** The gateway's view of every service and its dependencies. 200 whether or not all are up. */
export const fetchHealth = () => getJson<PlatformHealth>('/health');

import { eventStoreContract } from '../testing/index.ts';
import { openTestSchema } from './test-schema.ts';

// Ten connections: the concurrency tests really run transactions side by side.
eventStoreContract('postgres (pg Pool)', () => openTestSchema(10));

// A process that records operations with a spool while the broker never confirms them, says how
// many it recorded, and waits to be killed (spool.test.ts SIGKILLs it).
import { operationLogTopic } from './record.ts';
import { OperationLog } from './shipper.ts';
import { OperationSpool } from './spool.ts';

const [dir, countText] = process.argv.slice(2);
const log = new OperationLog({
  service: 'crash-child',
  topic: operationLogTopic('crash-child'),
  bus: { publish: () => new Promise(() => undefined) }, // a broker that never answers
  spool: new OperationSpool({ dir: dir!, segmentBytes: 4096 }),
});
const count = Number(countText);
for (let i = 0; i < count; i += 1) {
  log.record({ endpoint: 'POST /api/things', correlationId: `c-${i}`, success: true, payload: { i } });
  if (i % 10 === 9) await log.persisted();
}
await log.persisted();
process.stdout.write(`recorded ${count}\n`);
setInterval(() => undefined, 1000);

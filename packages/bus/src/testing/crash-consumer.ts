// Child process of the contract suite's crash test: joins a group, reports the first message it
// receives, and never finishes handling it, so it dies (SIGKILL) before committing.
//   CONTRACT_MODULE=<module exporting openBus()> TOPIC=… PARTITIONS=… GROUP=… node crash-consumer.ts
import { untypedTopic } from '../topic.ts';
import type { Bus } from '../port.ts';

const env = process.env;
const module = (await import(env['CONTRACT_MODULE'] ?? '')) as { openBus: () => Promise<Bus> };
const bus = await module.openBus();
await bus.subscribe({
  group: env['GROUP'] ?? '',
  topic: untypedTopic(env['TOPIC'] ?? '', Number(env['PARTITIONS'])),
  handle: async (message) => {
    process.stdout.write(`received ${message.headers.messageId}\n`);
    await new Promise(() => undefined);
  },
});
process.stdout.write('subscribed\n');

// The anchor of the event-reads benchmark: a bare Fastify hello-world, nothing added (no logger,
// no hooks, no schemas), in a process of its own on loopback — as each service of the distributed
// platform is served. Prints "hello-world is up: URL"; SIGTERM closes it.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/hello', () => ({ hello: 'world' }));
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`hello-world is up: ${url}\n`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));

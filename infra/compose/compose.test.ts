// The Docker Compose setup: the servers and one container per service of tools/platform.ts (written by
// infra/compose/generate.ts, which must have nothing to change). Its structure is checked statically everywhere, and
// validated by `docker compose config` where Docker Compose is installed (skipped otherwise; `npm run infra:up` needs
// no Docker).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { defineService, parseRegistry, registryEntry, type PortName } from '@eventflow/host';
import { parse } from 'yaml';
import { platform } from '../../tools/platform.ts';
import { generateCompose } from './generate.ts';

const here = import.meta.dirname;
const root = resolve(here, '..', '..');
const composeFile = join(here, 'docker-compose.yml');

type Mapping = Record<string, unknown>;
type Command = readonly [string, ...string[]];

interface PublishedPort {
  hostIp: string;
  published: string;
  target: string;
}

/** The servers the project runs locally (`npm run infra:up`), with what their compose services must look like. */
const servers = [
  { name: 'kafka', image: /^apache\/kafka:4\.\d+/, port: '9092', probe: 'kafka-broker-api-versions.sh' },
  { name: 'postgres', image: /^postgres:\d/, port: '5432', probe: 'pg_isready' },
  { name: 'redis', image: /^redis:\d/, port: '6379', probe: 'redis-cli' },
  { name: 'mailpit', image: /^axllent\/mailpit:v1\.\d+/, port: '1025', probe: 'readyz' },
  { name: 'mongodb', image: /^mongo:7(?:[.-]|$)/, port: '27017', probe: 'mongosh' },
] as const;

/** The server behind each port a descriptor needs (`files` is a folder under EVENTFLOW_DATA). */
const serverOf: Readonly<Partial<Record<PortName, string>>> = {
  sql: 'postgres',
  documents: 'mongodb',
  cache: 'redis',
  bus: 'kafka',
  mail: 'mailpit',
};

function mapping(value: unknown, what: string): Mapping {
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), `${what} must be a mapping`);
  return value as Mapping;
}

function list(value: unknown, what: string): unknown[] {
  assert.ok(Array.isArray(value), `${what} must be a list`);
  return value as unknown[];
}

function scalar(value: unknown, what: string): string {
  assert.ok(
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean',
    `${what} must be a string, number or boolean`,
  );
  return String(value);
}

function loadServices(): Mapping {
  const document: unknown = parse(readFileSync(composeFile, 'utf8'));
  return mapping(mapping(document, 'docker-compose.yml')['services'], 'services');
}

function service(services: Mapping, name: string): Mapping {
  return mapping(services[name], `services.${name}`);
}

/** `environment:` in either of its compose forms (a mapping, or a list of NAME=value). */
function environmentOf(svc: Mapping, what: string): Map<string, string> {
  const environment = svc['environment'];
  if (Array.isArray(environment)) {
    return new Map(
      environment.map((entry, index) => {
        const text = scalar(entry, `${what}.environment[${index}]`);
        const equals = text.indexOf('=');
        return equals === -1 ? [text, ''] : [text.slice(0, equals), text.slice(equals + 1)];
      }),
    );
  }
  return new Map(
    Object.entries(mapping(environment, `${what}.environment`)).map(([name, value]) => [
      name,
      scalar(value, `${what}.environment.${name}`),
    ]),
  );
}

/** `ports:` in either of its compose forms: "[ip:]published:target[/protocol]" or { host_ip, published, target }. */
function portsOf(svc: Mapping, what: string): PublishedPort[] {
  return list(svc['ports'], `${what}.ports`).map((entry, index) => {
    if (typeof entry === 'object' && entry !== null) {
      const port = mapping(entry, `${what}.ports[${index}]`);
      return {
        hostIp: port['host_ip'] === undefined ? '' : scalar(port['host_ip'], `${what}.ports[${index}].host_ip`),
        published: port['published'] === undefined ? '' : scalar(port['published'], `${what}.ports[${index}]`),
        target: scalar(port['target'], `${what}.ports[${index}].target`),
      };
    }
    const parts = scalar(entry, `${what}.ports[${index}]`)
      .replace(/\/\w+$/, '')
      .split(':');
    const target = parts.pop() ?? '';
    const published = parts.pop() ?? '';
    return { hostIp: parts.join(':'), published, target };
  });
}

function healthcheckCommand(svc: Mapping, what: string): string {
  const healthcheck = mapping(svc['healthcheck'], `${what}.healthcheck`);
  assert.notEqual(healthcheck['disable'], true, `${what}.healthcheck must not be disabled`);
  const command = healthcheck['test'];
  if (typeof command === 'string') return command;
  const words = list(command, `${what}.healthcheck.test`).map((word, index) =>
    scalar(word, `${what}.healthcheck.test[${index}]`),
  );
  assert.ok(
    words[0] === 'CMD' || words[0] === 'CMD-SHELL',
    `${what}.healthcheck.test must start with CMD or CMD-SHELL, got ${JSON.stringify(words[0])}`,
  );
  assert.ok(words.length > 1, `${what}.healthcheck.test has no command`);
  return words.slice(1).join(' ');
}

test('the compose file defines the servers and one container per service of the platform', () => {
  const services = loadServices();
  assert.deepEqual(
    Object.keys(services).sort(),
    [...servers.map((s) => s.name), ...platform.map((d) => d.name)].sort(),
    'docker-compose.yml is behind tools/platform.ts: run npm run compose:generate',
  );
  for (const { name, image } of servers) {
    const reference = scalar(service(services, name)['image'], `services.${name}.image`);
    assert.match(reference, image, `services.${name}.image`);
  }
});

test('each server has a healthcheck and publishes its port on 127.0.0.1 only', () => {
  const services = loadServices();
  for (const { name, port, probe } of servers) {
    const svc = service(services, name);
    assert.ok(healthcheckCommand(svc, name).includes(probe), `${name}'s healthcheck should run ${probe}`);
    const ports = portsOf(svc, name);
    assert.ok(ports.length > 0, `${name} publishes no port`);
    for (const published of ports) {
      assert.equal(published.hostIp, '127.0.0.1', `${name} must publish on 127.0.0.1 only`);
    }
    assert.ok(
      ports.some((p) => p.published === port && p.target === port),
      `${name} should publish 127.0.0.1:${port}:${port}, got ${JSON.stringify(ports)}`,
    );
  }
});

test('kafka is one KRaft broker+controller with a listener for the other containers', () => {
  const env = environmentOf(service(loadServices(), 'kafka'), 'kafka');
  assert.deepEqual(env.get('KAFKA_PROCESS_ROLES')?.split(',').sort(), ['broker', 'controller']);
  assert.equal(env.get('KAFKA_NODE_ID'), '1');
  assert.match(env.get('KAFKA_CONTROLLER_QUORUM_VOTERS') ?? '', /^1@kafka:\d+$/);
  assert.ok(env.get('KAFKA_ADVERTISED_LISTENERS')?.split(',').includes('PLAINTEXT://localhost:9092'));
  assert.equal(env.get('KAFKA_AUTO_CREATE_TOPICS_ENABLE'), 'false');
  for (const name of [
    'KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR',
    'KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR',
    'KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR',
  ]) {
    assert.equal(env.get(name), '1', `${name} must be 1 with a single broker`);
  }
});

test('docker-compose.yml is what `npm run compose:generate` writes from tools/platform.ts', async () => {
  const current = readFileSync(composeFile, 'utf8');
  assert.ok(
    (await generateCompose(current)) === current,
    'docker-compose.yml differs from what infra/compose/generate.ts writes: run npm run compose:generate',
  );
});

test('a service added to the platform list gets its container, registry entry and dependants', async () => {
  const greeter = defineService({
    name: 'greeter',
    system: 'examples',
    description: 'Says hello',
    routes: [{ prefix: '/api/greeter' }],
    port: 8999,
    needs: ['sql', 'files'],
    calls: ['storage'],
    build: () => {
      throw new Error('never built here');
    },
  });
  const text = await generateCompose(readFileSync(composeFile, 'utf8'), [...platform, greeter]);
  const services = mapping(mapping(parse(text), 'the generated file')['services'], 'services');
  const svc = service(services, 'greeter');
  assert.deepEqual(svc['command'], ['node', 'tools/service.ts', 'greeter']);
  assert.equal(environmentOf(svc, 'greeter').get('PORT'), '8999');
  assert.deepEqual(Object.keys(mapping(svc['depends_on'], 'greeter.depends_on')).sort(), [
    'kafka',
    'postgres',
    'storage',
  ]);
  const registry = parseRegistry(environmentOf(svc, 'greeter').get('SERVICE_REGISTRY') ?? '[]');
  assert.equal(registry.get('greeter')?.url, 'http://greeter:8999');
  const front = platform.find((d) => d.front === true)?.name ?? 'gateway';
  assert.ok(Object.keys(mapping(service(services, front)['depends_on'], 'depends_on')).includes('greeter'));
});

test('every platform container runs `node tools/service.ts <name>` from the one image, on its port', () => {
  const services = loadServices();
  const images = new Set<string>();
  for (const descriptor of platform) {
    const { name } = descriptor;
    const svc = service(services, name);
    images.add(scalar(svc['image'], `${name}.image`));
    const build = mapping(svc['build'], `${name}.build`);
    assert.equal(resolve(here, scalar(build['context'], `${name}.build.context`)), root, `${name}: context`);
    assert.equal(scalar(build['dockerfile'], `${name}.build.dockerfile`), 'infra/compose/Dockerfile');
    assert.deepEqual(svc['command'], ['node', 'tools/service.ts', name], `${name}.command`);

    const env = environmentOf(svc, name);
    assert.equal(env.get('HOST'), '0.0.0.0', `${name} must listen beyond the container loopback`);
    assert.equal(env.get('PORT'), String(descriptor.port), `${name}'s PORT must be its descriptor's port`);
    const probe = healthcheckCommand(svc, name);
    assert.ok(
      probe.includes(`127.0.0.1:${descriptor.port}/health/ready`),
      `${name}'s healthcheck should ask /health/ready on its port, got ${probe}`,
    );
  }
  assert.equal(images.size, 1, `every platform container runs one image, got ${[...images].join(', ')}`);
});

test('the platform containers reach the servers by their service names', () => {
  const services = loadServices();
  const kafkaEnv = environmentOf(service(services, 'kafka'), 'kafka');
  const advertised = (kafkaEnv.get('KAFKA_ADVERTISED_LISTENERS') ?? '')
    .split(',')
    .map((l) => l.replace(/^\w+:\/\//, ''));
  const urls = [
    { variable: 'DATABASE_URL', host: 'postgres', port: '5432', protocols: ['postgres:', 'postgresql:'] },
    { variable: 'REDIS_URL', host: 'redis', port: '6379', protocols: ['redis:'] },
    { variable: 'MONGODB_URL', host: 'mongodb', port: '27017', protocols: ['mongodb:'] },
  ];
  for (const { name } of platform) {
    const env = environmentOf(service(services, name), name);
    const brokers = (env.get('KAFKA_BROKERS') ?? '').split(',');
    assert.ok(brokers.length > 0);
    for (const broker of brokers) {
      assert.match(broker, /^kafka:\d+$/, `${name}: KAFKA_BROKERS must name the kafka service`);
      assert.ok(
        advertised.includes(broker),
        `kafka does not advertise ${broker} (advertises ${advertised.join(', ')})`,
      );
    }
    for (const { variable, host, port, protocols } of urls) {
      const url = new URL(env.get(variable) ?? `missing://${variable}`);
      assert.ok(protocols.includes(url.protocol), `${name}: ${variable} has protocol ${url.protocol}`);
      assert.equal(url.hostname, host, `${name}: ${variable} must name the ${host} service`);
      assert.equal(url.port === '' ? port : url.port, port, `${name}: ${variable}'s port`);
    }
  }
});

test("SERVICE_REGISTRY is the launcher's registry with every service at http://<name>:<port>", () => {
  const services = loadServices();
  for (const { name } of platform) {
    const text = environmentOf(service(services, name), name).get('SERVICE_REGISTRY');
    assert.ok(text !== undefined, `${name} has no SERVICE_REGISTRY`);
    const registry = parseRegistry(text);
    assert.deepEqual(
      [...registry.entries].sort((a, b) => a.name.localeCompare(b.name)),
      platform
        .map((d) => ({ ...registryEntry(d), url: `http://${d.name}:${d.port}` }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      `${name}'s SERVICE_REGISTRY`,
    );
  }
});

test('each container waits, healthy, for the servers it needs and the services it calls', () => {
  const services = loadServices();
  for (const descriptor of platform) {
    const { name } = descriptor;
    const dependsOn = mapping(service(services, name)['depends_on'], `${name}.depends_on`);
    // Every service process ships its operation log to Kafka, whatever it needs.
    const servers = new Set(['kafka', ...descriptor.needs.flatMap((port) => serverOf[port] ?? [])]);
    const called =
      descriptor.front === true
        ? platform.filter((d) => d !== descriptor).map((d) => d.name)
        : (descriptor.calls ?? []);
    assert.deepEqual(
      Object.keys(dependsOn).sort(),
      [...servers, ...called].sort(),
      `${name}.depends_on: the servers of ${JSON.stringify(descriptor.needs)} and ${descriptor.front === true ? 'every other service' : `the services it calls ${JSON.stringify(called)}`}`,
    );
    for (const dependency of Object.keys(dependsOn)) {
      const condition = mapping(dependsOn[dependency], `${name}.depends_on.${dependency}`)['condition'];
      assert.equal(condition, 'service_healthy', `${name}.depends_on.${dependency}.condition`);
    }
  }
});

test('only the gateway publishes a port, on 127.0.0.1', () => {
  const services = loadServices();
  for (const descriptor of platform) {
    const svc = service(services, descriptor.name);
    if (descriptor.front !== true) {
      assert.equal(
        svc['ports'],
        undefined,
        `${descriptor.name} must not publish a port (reach it through the gateway)`,
      );
      continue;
    }
    assert.deepEqual(
      portsOf(svc, descriptor.name),
      [{ hostIp: '127.0.0.1', published: '8080', target: String(descriptor.port) }],
      `${descriptor.name} should publish 127.0.0.1:8080`,
    );
  }
});

test('EVENTFLOW_DATA is a named volume in every platform container, and every named volume is declared', () => {
  const document = mapping(parse(readFileSync(composeFile, 'utf8')), 'docker-compose.yml');
  const declared = Object.keys(mapping(document['volumes'], 'volumes'));
  const services = loadServices();
  for (const [name, value] of Object.entries(services)) {
    for (const [index, volume] of (mapping(value, name)['volumes'] === undefined
      ? []
      : list(mapping(value, name)['volumes'], `${name}.volumes`)
    ).entries()) {
      const source = scalar(volume, `${name}.volumes[${index}]`).split(':')[0] ?? '';
      if (!/^[./~]/.test(source)) assert.ok(declared.includes(source), `${name} mounts ${source}, not declared`);
    }
  }
  for (const { name } of platform) {
    const svc = service(services, name);
    const data = environmentOf(svc, name).get('EVENTFLOW_DATA');
    assert.ok(data?.startsWith('/') === true, `${name}: EVENTFLOW_DATA should be an absolute path`);
    const mounts = list(svc['volumes'], `${name}.volumes`).map((v, i) => scalar(v, `${name}.volumes[${i}]`));
    assert.ok(
      mounts.some((mount) => mount.split(':')[1] === data && !/^[./~]/.test(mount)),
      `${name}: EVENTFLOW_DATA (${data}) should be a named volume, got ${JSON.stringify(mounts)}`,
    );
  }
});

test("the platform's image is built from a Node 24 Dockerfile in this repository", () => {
  const build = mapping(service(loadServices(), 'gateway')['build'], 'gateway.build');
  const context = resolve(here, scalar(build['context'], 'gateway.build.context'));
  assert.equal(context, root, 'the build context must be the repository root');
  const dockerfile = resolve(context, scalar(build['dockerfile'] ?? 'Dockerfile', 'gateway.build.dockerfile'));
  assert.ok(existsSync(dockerfile), `${relative(root, dockerfile)} does not exist`);
  assert.ok(existsSync(join(root, 'tools', 'service.ts')), 'the containers run tools/service.ts, which does not exist');

  const text = readFileSync(dockerfile, 'utf8');
  const from = /^FROM\s+(\S+)/im.exec(text)?.[1];
  assert.match(from ?? '', /^node:24(?:[.-]|$)/, 'the platform image must be based on node:24');
  const cmd = /^CMD\s+(\[.*\])\s*$/m.exec(text)?.[1];
  assert.ok(cmd !== undefined, 'the Dockerfile needs an exec-form CMD');
  const script = list(JSON.parse(cmd), 'CMD').find((word) => typeof word === 'string' && word.endsWith('.ts'));
  assert.ok(typeof script === 'string', 'CMD should run a TypeScript entry point');
  assert.ok(existsSync(join(root, script)), `CMD runs ${script}, which does not exist`);
});

/** `docker compose` (the Docker CLI plugin) or else the standalone `docker-compose`, if either works here. */
function composeCommand(): Command | undefined {
  const candidates: readonly Command[] = [['docker', 'compose'], ['docker-compose']];
  return candidates.find(([command, ...args]) => {
    const result = spawnSync(command, [...args, 'version'], { stdio: 'ignore', timeout: 30_000 });
    return result.error === undefined && result.status === 0;
  });
}

test('docker compose accepts the file', (t) => {
  const compose = composeCommand();
  if (compose === undefined) {
    t.skip('docker compose is not installed');
    return;
  }
  const [command, ...args] = compose;
  const result = spawnSync(command, [...args, '-f', relative(root, composeFile), 'config', '--quiet'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(result.error, undefined, `${compose.join(' ')} could not run`);
  assert.equal(result.status, 0, `${compose.join(' ')} config rejected the file:\n${result.stderr}`);
});

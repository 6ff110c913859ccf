// The Docker Compose setup: its structure checked statically everywhere, and validated by `docker compose config`
// where Docker Compose is installed (skipped otherwise; `npm run infra:up` needs no Docker).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';

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
  { name: 'mongodb', image: /^mongo:7(?:[.-]|$)/, port: '27017', probe: 'mongosh' },
] as const;

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

test('the compose file defines the four servers and the platform', () => {
  const services = loadServices();
  assert.deepEqual(Object.keys(services).sort(), ['kafka', 'mongodb', 'platform', 'postgres', 'redis']);
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

test('the platform waits for healthy servers and reaches them by their service names', () => {
  const services = loadServices();
  const platform = service(services, 'platform');
  const dependsOn = mapping(platform['depends_on'], 'platform.depends_on');
  for (const { name } of servers) {
    const dependency = mapping(dependsOn[name], `platform.depends_on.${name}`);
    assert.equal(dependency['condition'], 'service_healthy', `platform.depends_on.${name}.condition`);
  }

  const env = environmentOf(platform, 'platform');
  const brokers = (env.get('KAFKA_BROKERS') ?? '').split(',');
  const kafkaEnv = environmentOf(service(services, 'kafka'), 'kafka');
  const advertised = (kafkaEnv.get('KAFKA_ADVERTISED_LISTENERS') ?? '')
    .split(',')
    .map((l) => l.replace(/^\w+:\/\//, ''));
  assert.ok(brokers.length > 0);
  for (const broker of brokers) {
    assert.match(broker, /^kafka:\d+$/, 'KAFKA_BROKERS must name the kafka service');
    assert.ok(advertised.includes(broker), `kafka does not advertise ${broker} (advertises ${advertised.join(', ')})`);
  }
  const urls = [
    { variable: 'DATABASE_URL', host: 'postgres', port: '5432', protocols: ['postgres:', 'postgresql:'] },
    { variable: 'REDIS_URL', host: 'redis', port: '6379', protocols: ['redis:'] },
    { variable: 'MONGODB_URL', host: 'mongodb', port: '27017', protocols: ['mongodb:'] },
  ];
  for (const { variable, host, port, protocols } of urls) {
    const url = new URL(env.get(variable) ?? `missing://${variable}`);
    assert.ok(protocols.includes(url.protocol), `${variable} has protocol ${url.protocol}`);
    assert.equal(url.hostname, host, `${variable} must name the ${host} service`);
    assert.equal(url.port === '' ? port : url.port, port, `${variable}'s port`);
  }

  assert.equal(env.get('GATEWAY_HOST'), '0.0.0.0', 'the gateway must listen beyond the container loopback');
  const gatewayPort = env.get('GATEWAY_PORT') ?? '8080';
  assert.ok(
    portsOf(platform, 'platform').some((p) => p.hostIp === '127.0.0.1' && p.target === gatewayPort),
    `platform should publish its gateway port ${gatewayPort} on 127.0.0.1`,
  );
  assert.ok(healthcheckCommand(platform, 'platform').includes('/health'), "platform's healthcheck should use /health");
});

test("the platform's image is built from a Node 24 Dockerfile in this repository", () => {
  const build = mapping(service(loadServices(), 'platform')['build'], 'platform.build');
  const context = resolve(here, scalar(build['context'], 'platform.build.context'));
  assert.equal(context, root, 'the build context must be the repository root');
  const dockerfile = resolve(context, scalar(build['dockerfile'] ?? 'Dockerfile', 'platform.build.dockerfile'));
  assert.ok(existsSync(dockerfile), `${relative(root, dockerfile)} does not exist`);

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

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRegistry, ServiceRegistry, urlVariable } from './registry.ts';

const registry = new ServiceRegistry([
  { name: 'gateway', system: 'platform', routes: [], logTopic: 'logs-gateway', front: true, url: 'http://g' },
  { name: 'storage', system: 'documents', routes: [{ prefix: '/api/storage' }], logTopic: 'logs-storage' },
  {
    name: 'clinic',
    system: 'clinic',
    routes: [{ path: '/login' }, { prefix: '/results' }, { prefix: '/api' }],
    logTopic: 'logs-clinic',
  },
]);

test('routes by exact path first, then by the longest prefix; a prefix never matches a longer word', () => {
  assert.equal(registry.route('/api/storage/file/x')?.name, 'storage');
  assert.equal(registry.route('/api/storage')?.name, 'storage');
  assert.equal(registry.route('/api/storagex')?.name, 'clinic', 'falls back to the shorter /api prefix');
  assert.equal(registry.route('/login')?.name, 'clinic');
  assert.equal(registry.route('/login/x'), undefined, 'an exact path is not a prefix');
  assert.equal(registry.route('/results/42')?.name, 'clinic');
  assert.equal(registry.route('/elsewhere'), undefined);
});

test('urlOf: known and listening, or a clear error', () => {
  registry.listening('storage', 'http://127.0.0.1:8103');
  assert.equal(registry.urlOf('storage'), 'http://127.0.0.1:8103');
  assert.throws(() => registry.urlOf('clinic'), /not listening yet/);
  assert.throws(() => registry.urlOf('nobody'), /unknown service nobody.*NOBODY_URL/);
  assert.equal(urlVariable('job-server'), 'JOB_SERVER_URL');
});

test('the registry goes through SERVICE_REGISTRY as JSON and back; bad JSON shapes are refused', () => {
  const back = parseRegistry(JSON.stringify(registry));
  assert.deepEqual(back.entries, registry.entries);
  assert.deepEqual(back.logTopics, ['logs-gateway', 'logs-storage', 'logs-clinic']);
  assert.deepEqual(
    back.upstreams.map((e) => e.name),
    ['storage', 'clinic'],
  );
  assert.throws(() => parseRegistry('[{"name":"x"}]'), /SERVICE_REGISTRY must be/);
  assert.throws(() => parseRegistry('{}'), /SERVICE_REGISTRY must be/);
});

// Issue 11, parts 1 and 2: after a run of the distributed ticketing platform, no personal value is anywhere
// in clear — not in MongoDB, PostgreSQL, Kafka, Redis, nor the data folder (spools, files) — while
// the API still answers each person as they gave themselves; and no user id outside the users service.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { Admin } from '@platformatic/kafka';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import pg from 'pg';
import { servers } from '@eventflow/host/testing';
import { awaitSettled, createEvent } from '@eventflow/ticketing/driver';
import { endOffsets, readRawTopics } from '../testing/operation-records.ts';
import { ticketingDistributed } from './distributed.ts';

const json = { 'content-type': 'application/json' };

/** People whose every personal value is a string found nowhere else (so any copy of one is a leak). */
function people(count: number) {
  return Array.from({ length: count }, () => {
    const mark = randomBytes(6).toString('hex');
    return {
      tipo_documento: 'Pasaporte',
      nro_documento: `PX${mark.toUpperCase()}`,
      nombre: `Nombre${mark}`,
      apellido: `Apellido${mark}`,
      email: `correo.${mark}@privado.example`,
    };
  });
}

/** The topics the ticketing services and their logs use. */
async function kafkaTopics(): Promise<string[]> {
  const admin = new Admin({ clientId: 'privacy-dump', bootstrapBrokers: servers.kafkaBrokers });
  try {
    return (await admin.listTopics()).filter((topic) => topic.startsWith('ticketing.') || topic.startsWith('logs-'));
  } finally {
    await admin.close();
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

test('distributed: after users, reservations and purchases, no personal value is stored, cached, shipped or logged in clear', async (t) => {
  // The Kafka topics' ends before the run: the dump reads what this run wrote (a long-lived broker
  // holds every earlier run's messages too).
  const before = await endOffsets(servers.kafkaBrokers, await kafkaTopics());
  const platform = await ticketingDistributed(t, 'ticketing-privacy', { PAYMENT_PROVIDER_LATENCY_MS: '1-2' });
  const url = platform.url;
  const persons = people(3);
  const ids: string[] = [];
  for (const person of persons) {
    const created = await fetch(`${url}/api/usuarios`, { method: 'POST', headers: json, body: JSON.stringify(person) });
    assert.equal(created.status, 201);
    ids.push(((await created.json()) as { usuario_id: string }).usuario_id);
  }
  // A duplicate by email (the unique index on a blind key) and a bad request (the person in the body).
  const again = await fetch(`${url}/api/usuarios`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ ...persons[0], nro_documento: 'OTHER1' }),
  });
  assert.equal(again.status, 409);
  const evento = await createEvent(url, 10);
  for (const usuario_id of ids) {
    const reserved = await fetch(`${url}/api/reservar`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ usuario_id, evento_id: evento, cantidad: 1 }),
    });
    assert.ok([201, 202].includes(reserved.status));
  }
  await awaitSettled(url, evento, { timeoutMs: 60_000 });
  // Read each user twice: the second read is the cache's (Redis now holds each of them).
  for (const [i, id] of ids.entries()) {
    for (let read = 0; read < 2; read += 1) {
      const user = (await (await fetch(`${url}/api/usuarios/${id}`)).json()) as Record<string, unknown>;
      assert.equal(user['email'], persons[i]?.email, 'the API answers the person in clear, to its caller');
      assert.equal(user['nombre'], persons[i]?.nombre);
      assert.equal((user['compras'] as unknown[]).length, 1);
    }
  }

  // Everything the run wrote, as text.
  const dumps: Array<{ where: string; text: string }> = [];
  const mongo = new MongoClient(platform.mongodbUrl);
  try {
    const db = mongo.db();
    for (const { name } of await db.listCollections().toArray()) {
      const docs = await db.collection(name).find({}).toArray();
      dumps.push({ where: `MongoDB ${name}`, text: JSON.stringify(docs) });
    }
  } finally {
    await mongo.close();
  }
  const sql = new pg.Client({ connectionString: servers.databaseUrl });
  await sql.connect();
  try {
    const tables = await sql.query<{ table_schema: string; table_name: string }>(
      `SELECT table_schema, table_name FROM information_schema.tables
       WHERE table_schema = ANY($1::text[]) AND table_type = 'BASE TABLE'`,
      [platform.schemas],
    );
    assert.ok(tables.rows.length > 5, `the run's tables (${tables.rows.length})`);
    for (const { table_schema, table_name } of tables.rows) {
      const rows = await sql.query<{ row: string }>(
        `SELECT row_to_json(t)::text AS row FROM "${table_schema}"."${table_name}" t`,
      );
      dumps.push({ where: `PostgreSQL ${table_schema}.${table_name}`, text: rows.rows.map((r) => r.row).join('\n') });
    }
  } finally {
    await sql.end();
  }
  for (const message of await readRawTopics(servers.kafkaBrokers, await kafkaTopics(), before)) {
    dumps.push({
      where: `Kafka ${message.topic}/${message.partition}@${message.offset}`,
      text: `${message.key}\n${message.value}\n${JSON.stringify(message.headers)}`,
    });
  }
  const redis = new Redis(servers.redisUrl);
  try {
    for (const key of await redis.keys('*')) {
      const value = (await redis.type(key)) === 'string' ? await redis.get(key) : JSON.stringify(await redis.dump(key));
      dumps.push({ where: `Redis ${key}`, text: `${key}\n${value ?? ''}` });
    }
  } finally {
    redis.disconnect();
  }
  for (const file of await filesUnder(platform.dataDir)) {
    dumps.push({ where: `file ${file}`, text: await readFile(file, 'latin1') });
  }
  dumps.push({ where: 'the processes’ output (log lines)', text: platform.output() });

  // The dumps did read this run's data: its user ids are in them (in the users service's own stores).
  for (const id of ids)
    assert.ok(
      dumps.some(({ text }) => text.includes(id)),
      `the dumps hold user ${id}`,
    );
  // Part 2: every other service knows a user by pseudonym only. No id in the other services' tables
  // (every PostgreSQL table of the run: inventory, events, payments, reservations, schema registry) nor
  // on the ticketing topics, which every service reads.
  const elsewhere = dumps.filter(({ where }) => where.startsWith('PostgreSQL') || where.startsWith('Kafka ticketing.'));
  assert.ok(
    elsewhere.some(({ text }) => text.includes(evento)),
    'the other services’ dumps hold this run',
  );
  const idsElsewhere = elsewhere.flatMap(({ where, text }) =>
    ids.filter((id) => text.includes(id)).map((id) => `${where}: ${id}`),
  );
  assert.deepEqual(idsElsewhere, [], 'user ids outside the users service');
  const leaks = dumps.flatMap(({ where, text }) =>
    persons.flatMap((person) =>
      [person.nro_documento, person.nombre, person.apellido, person.email, person.email.split('@')[0] ?? '']
        .filter((value) => text.includes(value) || text.toLowerCase().includes(value.toLowerCase()))
        .map((value) => `${where}: ${value}`),
    ),
  );
  t.diagnostic(
    `searched ${dumps.length} places (${Math.round(dumps.reduce((sum, d) => sum + d.text.length, 0) / 1024)} KiB) for ${persons.length * 5} values`,
  );
  assert.deepEqual(leaks, [], 'personal values in clear');
});

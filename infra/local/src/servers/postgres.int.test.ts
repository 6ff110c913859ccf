import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import pg from 'pg';
import { connectionSettings } from '../settings.ts';

test('PostgreSQL: a committed transaction is seen whole, a rolled-back one not at all', async (t) => {
  const pool = new pg.Pool({ connectionString: connectionSettings().databaseUrl, max: 2 });
  const table = pg.escapeIdentifier(`it_accounts_${randomUUID().replaceAll('-', '')}`);
  t.after(async () => {
    await pool.query(`DROP TABLE IF EXISTS ${table}`);
    await pool.end();
  });
  await pool.query(`CREATE TABLE ${table} (id text PRIMARY KEY, balance integer NOT NULL CHECK (balance >= 0))`);
  await pool.query(`INSERT INTO ${table} VALUES ('a', 100), ('b', 0)`);

  const transfer = async (amount: number): Promise<void> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE ${table} SET balance = balance + $1 WHERE id = 'b'`, [amount]);
      await client.query(`UPDATE ${table} SET balance = balance - $1 WHERE id = 'a'`, [amount]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };

  await transfer(60);
  await assert.rejects(transfer(60), /check constraint/, 'overdraft violates the constraint');
  const { rows } = await pool.query<{ id: string; balance: number }>(`SELECT id, balance FROM ${table} ORDER BY id`);
  assert.deepEqual(rows, [
    { id: 'a', balance: 40 },
    { id: 'b', balance: 60 },
  ]);
});

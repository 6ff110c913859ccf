import { quoteSchema } from '../sql/names.ts';
import { instanceColumns } from './instance.ts';

/** The SQL text of one schema, built once; PostgreSQL and PGlite get the same. */
export interface Statements {
  readonly start: string;
  readonly existing: string;
  readonly claim: string;
  readonly transition: string;
  readonly renew: string;
  readonly get: string;
  readonly retryFailed: string;
  readonly notify: string;
}

export function statements(schema: string, channel: string): Statements {
  const s = quoteSchema(schema);
  const ms = "* interval '1 millisecond'";
  return {
    // $1 id, $2 saga, $3 first step, $4 data, $5 correlation id, $6 worker, $7 channel or null,
    // $8 true: claimed by this worker at once, its first attempt begun (it drives the instance right away),
    // $9 lease ms.
    start: `WITH inserted AS (
        INSERT INTO ${s}.saga_instances
          (id, saga, status, step, current_step, attempt, data, correlation_id, lease_owner, lease_until)
        VALUES ($1, $2, 'RUNNING', 0, $3, CASE WHEN $8::boolean THEN 1 ELSE 0 END, $4::jsonb, $5,
          CASE WHEN $8::boolean THEN $6 END, CASE WHEN $8::boolean THEN clock_timestamp() + $9::double precision ${ms} END)
        ON CONFLICT (id) DO NOTHING RETURNING id, saga, correlation_id
      ), logged AS (
        INSERT INTO ${s}.saga_log (saga_id, saga, step, state, attempt, worker, correlation_id)
        SELECT i.id, i.saga, r.step, r.state, r.attempt, $6, i.correlation_id
        FROM inserted i CROSS JOIN (VALUES (1, NULL::text, 'STARTED', NULL::integer), (2, $3::text, 'STEP_STARTED', 1))
          AS r(seq, step, state, attempt)
        WHERE r.seq = 1 OR $8::boolean
        ORDER BY r.seq
        RETURNING saga_id
      )
      SELECT (SELECT count(*)::integer FROM inserted) AS created,
             (SELECT count(*)::integer FROM logged) AS logged,
             (SELECT count(*)::integer FROM (SELECT pg_notify($7, '') FROM inserted WHERE $7 IS NOT NULL) n) AS notified`,
    existing: `SELECT saga FROM ${s}.saga_instances WHERE id = $1`,
    // $1 worker, $2 how many, $3 lease ms, $4 the sagas this engine knows. The previous owner of an expired lease is returned: a takeover.
    claim: `WITH due AS (
        SELECT id, lease_owner AS previous_owner FROM ${s}.saga_instances
        WHERE status IN ('RUNNING', 'COMPENSATING') AND next_run_at <= now()
          AND saga = ANY($4::text[])
          AND (lease_until IS NULL OR lease_until < clock_timestamp())
        ORDER BY next_run_at LIMIT $2 FOR UPDATE SKIP LOCKED
      )
      UPDATE ${s}.saga_instances i
      SET lease_owner = $1, lease_until = clock_timestamp() + $3::double precision ${ms}
      FROM due WHERE i.id = due.id
      RETURNING ${instanceColumns
        .split(', ')
        .map((column) => `i.${column}`)
        .join(', ')}, due.previous_owner`,
    // One statement, so one round trip and its own transaction: the instance's new state, fenced by the
    // lease (no row updated: another worker has it), and the log rows of the transition.
    // $1 id, $2 worker, $3 status, $4 step, $5 current step, $6 attempt, $7 data, $8 error,
    // $9 delay ms before it is due again, $10 keep the lease, $11 lease ms, $12 log rows (jsonb array).
    transition: `WITH updated AS (
        UPDATE ${s}.saga_instances
        SET status = $3, step = $4, current_step = $5, attempt = $6, data = $7::jsonb, error = $8,
            -- While this worker keeps the lease the due time does not matter: left alone, the row can
            -- be updated in place (HOT), without touching the due-time index.
            next_run_at = CASE WHEN $10::boolean THEN next_run_at ELSE now() + $9::double precision ${ms} END,
            lease_owner = CASE WHEN $10::boolean THEN lease_owner END,
            lease_until = CASE WHEN $10::boolean THEN clock_timestamp() + $11::double precision ${ms} END,
            updated_at = now(), version = version + 1
        WHERE id = $1 AND lease_owner = $2
        RETURNING id, saga, correlation_id
      ), logged AS (
        INSERT INTO ${s}.saga_log (saga_id, saga, step, state, attempt, error, duration_ms, detail, worker, correlation_id)
        SELECT u.id, u.saga, r.step, r.state, r.attempt, r.error, r.duration_ms, r.detail, $2, u.correlation_id
        FROM updated u CROSS JOIN jsonb_to_recordset($12::jsonb)
          AS r(seq integer, step text, state text, attempt integer, error text, duration_ms double precision, detail jsonb)
        ORDER BY r.seq
        RETURNING id
      )
      SELECT (SELECT count(*)::integer FROM updated) AS updated, (SELECT count(*)::integer FROM logged) AS logged`,
    // $1 id, $2 worker, $3 lease ms.
    renew: `UPDATE ${s}.saga_instances SET lease_until = clock_timestamp() + $3::double precision ${ms}
      WHERE id = $1 AND lease_owner = $2 RETURNING id`,
    get: `SELECT ${instanceColumns} FROM ${s}.saga_instances WHERE id = $1`,
    // $1 id, $2 who asks, $3 channel or null. A FAILED instance goes back to where it gave up, attempts from 0.
    retryFailed: `WITH updated AS (
        UPDATE ${s}.saga_instances
        SET status = CASE WHEN data ? 'compensations' THEN 'COMPENSATING' ELSE 'RUNNING' END,
            attempt = 0, next_run_at = now(), lease_owner = NULL, lease_until = NULL,
            updated_at = now(), version = version + 1
        WHERE id = $1 AND status = 'FAILED'
        RETURNING id, saga, status, current_step, correlation_id
      ), logged AS (
        INSERT INTO ${s}.saga_log (saga_id, saga, step, state, detail, worker, correlation_id)
        SELECT id, saga, current_step, 'RESUMED', jsonb_build_object('retriedBy', $2::text, 'as', status), $2, correlation_id
        FROM updated RETURNING id
      )
      SELECT (SELECT count(*)::integer FROM logged) AS retried,
             (SELECT count(*)::integer FROM (SELECT pg_notify($3, '') FROM updated WHERE $3 IS NOT NULL) n) AS notified`,
    notify: `SELECT pg_notify('${channel}', '')`,
  };
}

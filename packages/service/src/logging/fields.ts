/** Keys a readable line shows elsewhere (time, level, service, message, correlation) or leaves out. */
const placed = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'service',
  'version',
  'correlationId',
  'causationId',
  'reqId',
  'req',
  'res',
  'responseTime',
  'err',
]);

const maxValueLength = 120;
const maxDepth = 3;

/** A record's fields for a readable line, short: `['', 'GET /orders']`, `['status', '201']`, `['id', '42']`. */
export function shortFields(log: Record<string, unknown>, messageKey: string): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  const req = log['req'] as { method?: unknown; url?: unknown } | undefined;
  if (typeof req?.method === 'string') {
    fields.push(['', typeof req.url === 'string' ? `${req.method} ${req.url}` : req.method]);
  }
  const res = log['res'] as { statusCode?: unknown } | undefined;
  if (typeof res?.statusCode === 'number') fields.push(['status', String(res.statusCode)]);
  if (typeof log['responseTime'] === 'number') fields.push(['', `${log['responseTime'].toFixed(1)}ms`]);
  if (log['err'] !== undefined) fields.push(['err', quoted(shortError(log['err']))]);
  for (const [key, value] of Object.entries(log)) {
    if (key !== messageKey && !placed.has(key)) fields.push(...flatten(key, value, 1));
  }
  return fields;
}

function flatten(key: string, value: unknown, depth: number): Array<[string, string]> {
  if (value === undefined) return [];
  if (value === null || typeof value !== 'object') return [[key, scalar(value)]];
  if (Array.isArray(value) || depth >= maxDepth) return [[key, truncated(JSON.stringify(value) ?? '')]];
  return Object.entries(value).flatMap(([inner, nested]) => flatten(`${key}.${inner}`, nested, depth + 1));
}

function scalar(value: unknown): string {
  return typeof value === 'string' ? quoted(value) : String(value);
}

/** Bare when it reads as one token, else JSON-quoted (newlines escaped); cut at 120 characters. */
function quoted(value: string): string {
  const text = truncated(value);
  return /^[\w.:/@+#%=-]+$/u.test(text) ? text : JSON.stringify(text);
}

function truncated(text: string): string {
  return text.length > maxValueLength ? `${text.slice(0, maxValueLength - 1)}…` : text;
}

/** pino's serialised error as `Type: message (where it was thrown)`, with its code when it has one. */
function shortError(err: unknown): string {
  if (typeof err !== 'object' || err === null) return String(err);
  const { type, message, code, stack } = err as Record<string, unknown>;
  const name = typeof type === 'string' ? type : 'Error';
  const withCode = typeof code === 'string' ? `${name} ${code}` : name;
  const where = typeof stack === 'string' ? firstFrame(stack) : undefined;
  return `${withCode}: ${String(message)}${where === undefined ? '' : ` (${where})`}`;
}

function firstFrame(stack: string): string | undefined {
  const frame = stack.split('\n').find((line) => line.trimStart().startsWith('at '));
  if (frame === undefined) return undefined;
  const location = /\(([^()]+)\)$/u.exec(frame)?.[1] ?? frame.trim().slice(3);
  return location.replace(/^file:\/\//u, '').replace(`${process.cwd()}/`, '');
}

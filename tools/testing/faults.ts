// The fault-injection harness: find a process of a running platform, break it, and count what
// happened. Used by tools/faults/*.int.test.ts (issue 15), one test per finding.
import assert from 'node:assert/strict';

/** The pid of a service of a platform started by `start-distributed.ts`, as its output last gave it. */
export function servicePid(output: string, service: string): number {
  const pids = [...output.matchAll(new RegExp(`^\\s+${service}\\s+pid (\\d+)`, 'gm'))].map((m) => Number(m[1]));
  const pid = pids.at(-1);
  assert.ok(pid !== undefined, `no pid of ${service} in the platform's output`);
  return pid;
}

/** Kills a process without letting it clean up (a crash), and resolves once it is gone. */
export async function crash(pid: number): Promise<void> {
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + 10_000;
  while (alive(pid)) {
    assert.ok(Date.now() < deadline, `process ${pid} still alive after SIGKILL`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** What the gateway's /health says of one service right now. */
export async function serviceStatus(url: string, service: string): Promise<string | undefined> {
  const response = await fetch(`${url}/health`).catch(() => undefined);
  if (response === undefined) return undefined;
  const body = (await response.json()) as { services: Array<{ name: string; status: string }> };
  return body.services.find((s) => s.name === service)?.status;
}

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { infraPaths } from '@eventflow/infra-local';
import { kafkaVersion } from './machine.ts';

export interface ToolRun {
  /** Called with each line the tool prints on stdout, as it prints it. */
  readonly onLine?: (line: string) => void;
  /** The tool is killed after this long. */
  readonly timeoutMs: number;
}

// Kafka's tools log through log4j2: errors only, on stderr, so their stdout is just their report.
const log4j = `status = error
appender.err.type = Console
appender.err.name = err
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = %p %m%n
rootLogger.level = error
rootLogger.appenderRef.err.ref = err
`;

/**
 * Runs `org.apache.kafka.tools.<tool>` from the jars the local broker runs from, the way Kafka's
 * own scripts do (512 MiB heap), and returns the lines it printed on stdout.
 */
export async function runKafkaTool(tool: string, args: readonly string[], run: ToolRun): Promise<string[]> {
  const lib = join(infraPaths().cache, `kafka-${kafkaVersion()}`, 'lib');
  const dir = mkdtempSync(join(tmpdir(), 'eventflow-bench-java-'));
  const config = join(dir, 'log4j2.properties');
  writeFileSync(config, log4j);
  const argv = [
    '-Xmx512M',
    `-Dlog4j2.configurationFile=${config}`,
    '-cp',
    `${lib}/*`,
    `org.apache.kafka.tools.${tool}`,
  ];
  try {
    return await collect(spawn('java', [...argv, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }), tool, run);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function collect(child: ReturnType<typeof spawn>, tool: string, run: ToolRun): Promise<string[]> {
  const lines: string[] = [];
  let errors = '';
  let partial = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      run.onLine?.(line);
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (errors = (errors + chunk).slice(-4000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), run.timeoutMs);
    child.once('error', reject);
    child.once('close', (code, killedBy) => {
      clearTimeout(timer);
      if (partial !== '') lines.push(partial);
      if (code === 0) resolve(lines);
      else {
        const why = killedBy === null ? `exited with ${code}` : `was stopped (${killedBy}), over its time limit`;
        reject(new Error(`${tool} ${why}:\n${errors}${lines.slice(-5).join('\n')}`));
      }
    });
  });
}

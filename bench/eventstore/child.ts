// One contender, one phase, in a process of its own (started by bench/eventstore.ts): opens the store
// on the database or folder it is given, runs the phase, prints its figures as one JSON line on
// stdout. Progress goes to stderr.
import { contenderLabels, type ContenderName, type ContenderTarget } from './contender.ts';
import { openContender } from './contenders.ts';
import {
  appendPhase,
  prepareReads,
  readAllPhase,
  readStreamPhase,
  type AppendFigures,
  type ReadAllFigures,
  type ReadStreamFigures,
} from './phases.ts';

export type PhaseName = 'append-1' | 'append-10' | 'read';

export interface ChildTask extends ContenderTarget {
  readonly contender: ContenderName;
  readonly phase: PhaseName;
  readonly streams: number;
  readonly seconds: number;
  readonly warmUpSeconds: number;
  readonly pageSize: number;
  readonly readAllEvents: number;
}

export interface ReadFigures {
  readonly small: ReadStreamFigures & { readonly events: number };
  readonly large: ReadStreamFigures & { readonly events: number };
  readonly all: ReadAllFigures & { readonly stored: number };
}

export type ChildResult =
  | { readonly phase: 'append-1' | 'append-10'; readonly append: AppendFigures }
  | { readonly phase: 'read'; readonly read: ReadFigures };

async function runTask(task: ChildTask): Promise<ChildResult> {
  const label = contenderLabels[task.contender];
  const contender = await openContender(task.contender, task);
  try {
    if (task.phase !== 'read') {
      const eventsPerAppend = task.phase === 'append-1' ? 1 : 10;
      const append = await appendPhase(contender, {
        label: `${label}, ${eventsPerAppend}-event appends`,
        streams: task.streams,
        eventsPerAppend,
        seconds: task.seconds,
        warmUpSeconds: task.warmUpSeconds,
      });
      return { phase: task.phase, append };
    }
    const data = await prepareReads(contender, { small: 100, large: 1000, total: task.readAllEvents });
    // A short untimed pass over each read, so the first measured reads find warm caches and code.
    await readStreamPhase(contender, data.small, data.smallEvents, task.warmUpSeconds / 2, `${label}, warm-up`);
    await readStreamPhase(contender, data.large, data.largeEvents, task.warmUpSeconds / 2, `${label}, warm-up`);
    const third = task.seconds / 3;
    const small = await readStreamPhase(contender, data.small, data.smallEvents, third, `${label}, 100-event reads`);
    const large = await readStreamPhase(contender, data.large, data.largeEvents, third, `${label}, 1000-event reads`);
    const all = await readAllPhase(contender, task.pageSize, third, `${label}, global order in pages`);
    return {
      phase: 'read',
      read: {
        small: { ...small, events: data.smallEvents },
        large: { ...large, events: data.largeEvents },
        all: { ...all, stored: data.total },
      },
    };
  } finally {
    await contender.close();
  }
}

const task = JSON.parse(process.argv[2] ?? '{}') as ChildTask;
const result = await runTask(task);
process.stdout.write(`${JSON.stringify(result)}\n`);

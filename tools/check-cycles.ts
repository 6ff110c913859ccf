// Fails when TypeScript modules import each other in a cycle, across files or across packages.
//   node tools/check-cycles.ts
// Why our own: eslint-plugin-import-x's resolver ships native per-platform builds that make the
// lockfile unusable for `npm ci` on other platforms; this needs only the TypeScript compiler.
import { existsSync, globSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface ModuleGraph {
  readonly edges: ReadonlyMap<string, readonly string[]>;
}

const root = resolve(import.meta.dirname, '..');

/** Workspace package name → its folder, from each package.json the workspaces name. */
function workspacePackages(): Map<string, string> {
  const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] };
  const packages = new Map<string, string>();
  for (const pattern of rootManifest.workspaces) {
    for (const manifest of globSync(`${pattern}/package.json`, { cwd: root })) {
      const { name } = JSON.parse(readFileSync(join(root, manifest), 'utf8')) as { name: string };
      packages.set(name, dirname(join(root, manifest)));
    }
  }
  return packages;
}

/** Resolves `@eventflow/x[/sub]` through that package's `exports`, and relative specifiers as files. */
function resolver(packages: Map<string, string>): (from: string, specifier: string) => string | undefined {
  return (from, specifier) => {
    if (specifier.startsWith('.')) {
      const target = resolve(dirname(from), specifier);
      return existsSync(target) ? target : undefined;
    }
    const match = /^(@[^/]+\/[^/]+|[^@/][^/]*)(\/.*)?$/.exec(specifier);
    const dir = match?.[1] === undefined ? undefined : packages.get(match[1]);
    if (dir === undefined) return undefined;
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      exports?: Record<string, string>;
    };
    const entry = manifest.exports?.[`.${match?.[2] ?? ''}`];
    return entry === undefined ? undefined : resolve(dir, entry);
  };
}

export function buildGraph(
  files: readonly string[],
  resolve: (from: string, specifier: string) => string | undefined,
): ModuleGraph {
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles
      .map((imported) => resolve(file, imported.fileName))
      .filter((target): target is string => target !== undefined);
    edges.set(file, targets);
  }
  return { edges };
}

/** Strongly connected components of more than one module (or a module importing itself): the cycles. */
export function findCycles(graph: ModuleGraph): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const lowlinks = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (node: string): void => {
    indices.set(node, index);
    lowlinks.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.edges.get(node) ?? []) {
      if (!indices.has(next)) {
        connect(next);
        lowlinks.set(node, Math.min(lowlinks.get(node)!, lowlinks.get(next)!));
      } else if (onStack.has(next)) {
        lowlinks.set(node, Math.min(lowlinks.get(node)!, indices.get(next)!));
      }
    }
    if (lowlinks.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.edges.get(node) ?? []).includes(node)) cycles.push(component.reverse());
    }
  };
  for (const node of graph.edges.keys()) if (!indices.has(node)) connect(node);
  return cycles;
}

if (import.meta.main) {
  const files = globSync(
    [
      'packages/*/src/**/*.ts',
      'services/**/src/**/*.ts',
      'infra/**/*.ts',
      'tools/**/*.ts',
      'bench/**/*.ts',
      'console/**/*.ts',
      'console/**/*.tsx',
    ],
    {
      cwd: root,
      exclude: (name) => name === 'node_modules' || name === 'dist',
    },
  ).map((file) => join(root, file));
  const cycles = findCycles(buildGraph(files, resolver(workspacePackages())));
  for (const cycle of cycles) {
    process.stderr.write(`import cycle: ${[...cycle, cycle[0]].map((f) => relative(root, f ?? '')).join(' → ')}\n`);
  }
  process.stderr.write(`check-cycles: ${files.length} modules, ${cycles.length} cycle(s)\n`);
  process.exitCode = cycles.length === 0 ? 0 : 1;
}

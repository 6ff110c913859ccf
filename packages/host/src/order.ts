import type { AnyServiceDescriptor } from './descriptor.ts';

/**
 * The order to start services in: everything a service calls before it, the front door last. Throws on
 * a call to a service not in the list, and on a cycle of calls.
 */
export function startOrder(descriptors: readonly AnyServiceDescriptor[]): AnyServiceDescriptor[] {
  const byName = new Map(descriptors.map((d) => [d.name, d]));
  if (byName.size !== descriptors.length) throw new Error('two services share a name');
  const fronts = descriptors.filter((d) => d.front === true);
  if (fronts.length > 1) throw new Error(`more than one front door: ${fronts.map((d) => d.name).join(', ')}`);
  const ordered: AnyServiceDescriptor[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (descriptor: AnyServiceDescriptor, path: readonly string[]): void => {
    const seen = state.get(descriptor.name);
    if (seen === 'done') return;
    if (seen === 'visiting')
      throw new Error(`services call each other in a cycle: ${[...path, descriptor.name].join(' → ')}`);
    state.set(descriptor.name, 'visiting');
    for (const callee of descriptor.calls ?? []) {
      const target = byName.get(callee);
      if (target === undefined)
        throw new Error(`service ${descriptor.name} calls ${callee}, which is not in the platform`);
      visit(target, [...path, descriptor.name]);
    }
    state.set(descriptor.name, 'done');
    ordered.push(descriptor);
  };
  for (const descriptor of descriptors) if (descriptor.front !== true) visit(descriptor, []);
  return [...ordered, ...fronts];
}

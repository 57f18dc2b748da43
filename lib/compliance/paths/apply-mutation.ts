import { CfnTemplate, PlatformAssembly, StackTemplate } from '../template/platform-assembly';
import type { TemplateMutation } from './path-record';

/**
 * A copy of the assembly with the mutations applied (only the stacks they touch are copied). Used by the generated
 * mutation suite and by anyone who wants to see what a changed property would do to the proofs.
 */
export function applyMutations(assembly: PlatformAssembly, mutations: readonly TemplateMutation[]): PlatformAssembly {
  const copies = new Map<StackTemplate, CfnTemplate>();
  for (const m of mutations) {
    const stack = assembly.stacks.find((s) => s.stackName === m.stackName);
    if (!stack) throw new Error(`mutation '${m.description}': no stack ${m.stackName}`);
    const template = copies.get(stack) ?? structuredClone<CfnTemplate>(stack.template);
    copies.set(stack, template);
    const resource = template.Resources?.[m.logicalId] as unknown as Record<string, unknown> | undefined;
    if (!resource) throw new Error(`mutation '${m.description}': no resource ${m.stackName}/${m.logicalId}`);
    setAt(resource, m.path, m.remove ? REMOVE : m.value);
  }
  return new PlatformAssembly(assembly.stacks.map((s) => (copies.has(s) ? { ...s, template: copies.get(s)! } : s)));
}

const REMOVE = Symbol('remove');

function setAt(root: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  let node: unknown = root;
  path.slice(0, -1).forEach((key, i) => {
    const container = node as Record<string | number, unknown>;
    // A missing container is made of the kind the next key indexes: an array for a number, an object otherwise.
    if (container[key] === undefined || container[key] === null)
      container[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = container[key];
  });
  const last = path[path.length - 1];
  if (value === REMOVE) {
    if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
    else delete (node as Record<string | number, unknown>)[last];
  } else {
    (node as Record<string | number, unknown>)[last] = value;
  }
}

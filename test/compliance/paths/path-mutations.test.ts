import {
  applyMutations,
  evaluatePaths,
  PATH_KINDS,
  pathCheckId,
  pathChecks,
  PathKind,
  PathRecord,
  TemplateMutation,
} from '../../../lib/compliance/paths';
import { EVENT_PATHS, prepareTopicAuthorizations } from '../../../lib/compliance/paths/events';
import type { PlatformAssembly } from '../../../lib/compliance/template/platform-assembly';
import { referenceAssembly } from '../../support/reference-assembly';

/**
 * The generated mutation suite: for every path of every kind the gate knows, each passing hop of a required path is
 * turned off by the mutations its hop kind generates (the property AWS reads there), and the path and its claim's
 * check must fail naming it; each closed forbidden path is opened by the mutations of its blocking hops, and must
 * fail the same way. A path added to core's requirements is covered here with no new test code.
 */
interface MutationCase {
  readonly kind: PathKind;
  readonly path: PathRecord;
  readonly mutations: readonly TemplateMutation[];
  readonly label: string;
}

const key = (m: TemplateMutation) => JSON.stringify([m.stackName, m.logicalId, m.path, m.value, m.remove]);

function cases(assembly: PlatformAssembly): MutationCase[] {
  return PATH_KINDS.flatMap((kind) =>
    evaluatePaths(assembly, kind)
      .filter((p) => p.holds)
      .flatMap((path): MutationCase[] => {
        if (path.expectation === 'forbidden') {
          const mutations = path.hops.filter((h) => h.verdict === 'block').flatMap((h) => h.mutations ?? []);
          return [
            { kind, path, mutations, label: `${path.id} opened: ${mutations.map((m) => m.description).join('; ')}` },
          ];
        }
        const seen = new Set<string>();
        return path.hops.flatMap((hop) =>
          (hop.mutations ?? [])
            .filter((m) => !seen.has(key(m)) && seen.add(key(m)))
            .map((m) => ({ kind, path, mutations: [m], label: `${path.id} / ${hop.hop}: ${m.description}` })),
        );
      }),
  );
}

const reference = referenceAssembly();
const all = cases(reference);
const mutatedOf = new Map<MutationCase, PlatformAssembly>();
const mutated = (c: MutationCase) =>
  mutatedOf.get(c) ?? mutatedOf.set(c, applyMutations(reference, c.mutations)).get(c)!;

// The event paths' topic and key hops ask the IAM engine: every mutated platform's requests go in one batch.
beforeAll(() => prepareTopicAuthorizations(all.filter((c) => c.kind === EVENT_PATHS).map(mutated)));

describe('generated path mutations', () => {
  test('every path of every kind holds on the reference platform', () => {
    const broken = PATH_KINDS.flatMap((k) => evaluatePaths(reference, k)).filter((p) => !p.holds);
    expect(broken.map((p) => `${p.id} (${p.environment}): ${p.problem ?? ''}`)).toEqual([]);
  });

  test('every passing hop of a required path, and every blocking hop of a forbidden one, carries a mutation or says why none exists', () => {
    const bare = PATH_KINDS.flatMap((k) => evaluatePaths(reference, k)).flatMap((p) =>
      p.hops
        .filter((h) => (p.expectation === 'required' ? h.verdict === 'pass' : h.verdict === 'block'))
        .filter((h) => (h.mutations ?? []).length === 0 && !h.unmutable)
        .map((h) => `${p.id} / ${h.hop}`),
    );
    expect(bare).toEqual([]);
  });

  test.each(all.map((c) => [c.label, c] as const))('%s: the path and its claim fail', (_label, c) => {
    const after = evaluatePaths(mutated(c), c.kind).find(
      (p) => p.id === c.path.id && p.environment === c.path.environment,
    );
    expect(after?.holds).toBe(false);
    const check = pathChecks(c.kind).find((k) => k.id === pathCheckId(c.path.claim, c.kind, c.path.expectation));
    const failures = check!.run(mutated(c)).filter((r) => r.status === 'fail');
    expect(failures.map((f) => f.finding)).toContain(c.path.id);
  });
});

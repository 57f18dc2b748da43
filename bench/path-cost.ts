import { evaluatePaths, PATH_KINDS } from '../lib/compliance/paths';
import { PlatformAssembly } from '../lib/compliance/template/platform-assembly';
import { platformEnvironments } from '../lib/compliance/template/template-values';
import { Stats, stats } from './measure';

/**
 * The path proofs' cost for one environment: the typed model and its relation indexes, then every path of every
 * kind, on a freshly read assembly each time so nothing cached is reused. Per environment: the assembly's total
 * divided by its environments. Kinds that consult the IAM engine pay for it here too.
 */
export function pathEvaluationCost(outdir: string, runs: number): { seconds: Stats; paths: number; hops: number } {
  const seconds: number[] = [];
  let paths = 0;
  let hops = 0;
  for (let i = 0; i < runs; i++) {
    const assembly = PlatformAssembly.fromDirectory(outdir);
    const environments = platformEnvironments(assembly).length || 1;
    const started = process.hrtime.bigint();
    const records = PATH_KINDS.flatMap((kind) => evaluatePaths(assembly, kind));
    seconds.push(Number(process.hrtime.bigint() - started) / 1e9 / environments);
    paths = records.length / environments;
    hops = records.reduce((n, p) => n + p.hops.length, 0) / environments;
    const broken = records.filter((p) => !p.holds).map((p) => p.id);
    if (broken.length) throw new Error(`paths that do not hold on the reference: ${broken.join(', ')}`);
  }
  return { seconds: stats(seconds), paths, hops };
}

import { PlatformAssembly } from '../lib/compliance/template/platform-assembly';
import { platformEnvironments } from '../lib/compliance/template/template-values';
import { evaluateFlows } from '../lib/compliance/flows/evaluate-flows';
import { Stats, stats } from './measure';

/**
 * The flow proofs' cost for one environment: authorization model, requests and one policy-engine run (a child
 * process), on a freshly read assembly each time so no cached evaluation is reused. Per environment: the
 * assembly's total divided by its environments.
 */
export function flowEvaluationCost(outdir: string, runs: number): { seconds: Stats; requests: number } {
  const seconds: number[] = [];
  let requests = 0;
  for (let i = 0; i < runs; i++) {
    const assembly = PlatformAssembly.fromDirectory(outdir);
    const environments = platformEnvironments(assembly).length || 1;
    const started = process.hrtime.bigint();
    const verdicts = evaluateFlows(assembly);
    seconds.push(Number(process.hrtime.bigint() - started) / 1e9 / environments);
    requests = verdicts.reduce((n, v) => n + v.requests.length, 0) / environments;
    const broken = verdicts.filter((v) => !v.holds).map((v) => v.flow.id);
    if (broken.length) throw new Error(`flows that do not hold on the reference: ${broken.join(', ')}`);
  }
  return { seconds: stats(seconds), requests };
}

import type { Check } from '../../lib/compliance/checks/check';
import { CfnTemplate, PlatformAssembly } from '../../lib/compliance/template/platform-assembly';
import { PLATFORM_METADATA_KEY } from '../../lib/core/platform-metadata';
import { DATA_CLASSIFICATION_TAG, DataClassification } from '../../lib/core/requirements/data-classification';
import type { RawJson } from './claims-support';

/**
 * Builders for the unit tests of single checks (test/compliance/checks): small hand-written templates, built into a
 * PlatformAssembly without a synth, and the check's results as one line each so a test can compare them exactly.
 */

export const ACCOUNT = '123456789012';
export const PRIMARY = 'eu-west-1';
export const RECOVERY = 'eu-central-1';

/** A template placed in a region other than the default of `modelOf`. */
export interface FixtureStack {
  readonly template: CfnTemplate;
  readonly region?: string;
}

export const inRegion = (region: string, template: CfnTemplate): FixtureStack => ({ template, region });

/** The model of a few in-memory templates keyed by stack name (`prod-Data`), in one account and region by default. */
export function modelOf(
  stacks: Record<string, CfnTemplate | FixtureStack>,
  env: { region?: string; account?: string } = {},
): PlatformAssembly {
  return new PlatformAssembly(
    Object.entries(stacks).map(([stackName, s]) => {
      const fixture: FixtureStack = 'template' in s ? s : { template: s };
      return {
        stackName,
        constructPath: stackName.replace(/-/g, '/'),
        account: env.account ?? ACCOUNT,
        region: fixture.region ?? env.region ?? PRIMARY,
        templatePath: `${stackName}.template.json`,
        template: fixture.template,
      };
    }),
  );
}

/** A template with the platform metadata PlatformStage writes (environment `prod`, both regions, the opt-outs). */
export function onPlatform(template: CfnTemplate, optOuts: Record<string, unknown> = {}): CfnTemplate {
  const metadata = { environment: 'prod', primaryRegion: PRIMARY, recoveryRegion: RECOVERY, optOuts };
  return { ...template, Metadata: { ...template.Metadata, [PLATFORM_METADATA_KEY]: metadata } };
}

/** An edit of a template's resources, as free-form JSON. */
export type Change = (resources: Record<string, RawJson>) => unknown;

/** A deep copy of `template` whose resources `change` edited. */
export function edited(template: CfnTemplate, change: Change): CfnTemplate {
  const copy = JSON.parse(JSON.stringify(template)) as { Resources: Record<string, RawJson> };
  change(copy.Resources);
  return copy;
}

/** A resource of `type` with `properties`. */
export const resource = (type: string, properties: Record<string, unknown> = {}) => ({
  Type: type,
  Properties: properties,
});

export const ref = (logicalId: string) => ({ Ref: logicalId });
export const getAtt = (logicalId: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [logicalId, attribute] });

/** The data-classification tag a store declares (checks read it, never the name). */
export const classified = (classification: DataClassification) => [
  { Key: DATA_CLASSIFICATION_TAG, Value: classification },
];

/** A customer managed key, rotated unless told otherwise. */
export const kmsKey = (rotated = true) => ({ Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: rotated } });

/** Each result of `check` as `<status> <logical id, or ->: <detail>`, in the order the check gives them. */
export function outcomes(check: Check, model: PlatformAssembly): string[] {
  return check.run(model).map((r) => `${r.status} ${r.resource?.logicalId ?? '-'}: ${r.detail}`);
}

/**
 * The verdicts of a per-resource check: `<logical id>: compliant` for a pass, `<logical id>: <finding>` for each
 * failure, `<logical id>: non-compliant` for a failure without a finding.
 */
export function verdicts(check: Check, model: PlatformAssembly): string[] {
  return check
    .run(model)
    .map(
      (r) =>
        `${r.resource?.logicalId ?? '-'}: ${r.status === 'pass' ? 'compliant' : r.status === 'fail' ? (r.finding ?? 'non-compliant') : r.status}`,
    );
}

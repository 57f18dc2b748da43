import * as os from 'os';
import * as path from 'path';
import * as fs from 'fs';
import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AirGappedBackupVault } from '../../lib/backup/air-gapped-backup-vault';
import type { BackupConfig } from '../../lib/config/platform-config';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { resolvePlatformConfig } from '../../lib/config/resolve-config';
import { PLATFORM_ROLE_METADATA_KEY } from '../../lib/core/platform-roles';
import { configRuleNamePrefix, PLATFORM_TAG_KEY } from '../../lib/core/requirements/continuous-config-rules';
import { PlatformStage } from '../../lib/stacks/platform-stage';
import { cdkJsonApp } from '../support/cdk-json-app';
import { referenceAssembly } from '../support/reference-assembly';
import { REFERENCE_ENVIRONMENT, TEST_NOW } from '../support/reference-constants';

type Resource = {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: object;
};
type Template = { Resources: Record<string, Resource> };

const LAG = 'AWS::Backup::LogicallyAirGappedBackupVault';
const RULE = 'AURORA_RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT';

/** The synthesized template of a stack of a stage (the stage's own assembly). */
function template(stage: PlatformStage, stack: Stack): Template {
  const artifact = stage.synth().getStackArtifact(stack.artifactId);
  return artifact.template as Template;
}

const ofType = (t: Template, type: string) => Object.entries(t.Resources).filter(([, r]) => r.Type === type);
const refOf = (value: unknown): string | undefined => {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  return v?.Ref ?? v?.['Fn::GetAtt']?.[0];
};

const config = (backup: BackupConfig) => referencePlatformConfig({ environmentName: 'air', backup }, TEST_NOW);

describe('logically air-gapped vault: on', () => {
  let stage: PlatformStage;
  let recovery: Template;
  let data: Template;
  let primaryRules: Template;
  let recoveryRules: Template;
  beforeAll(() => {
    stage = new PlatformStage(new App(), 'air', {
      config: config({ logicallyAirGappedVault: { enabled: true } }),
      now: TEST_NOW,
      stockPacks: [],
    });
    recovery = template(stage, stage.recovery);
    data = template(stage, stage.data);
    primaryRules = template(stage, stage.threatDetection);
    recoveryRules = template(stage, stage.recoveryThreatDetection);
  });

  const vault = () => {
    const found = ofType(recovery, LAG);
    expect(found).toHaveLength(1);
    return found[0];
  };

  test('declares the vault in the recovery region, retained, with its platform role and the default window', () => {
    const [, v] = vault();
    expect(stage.recovery.region).toBe('eu-central-1');
    expect(v.DeletionPolicy).toBe('Retain');
    // Not in tools/stateful-resources.ts (the reference has no such vault), so proven here: kept on replacement too.
    expect(v.UpdateReplacePolicy).toBe('Retain');
    expect((v.Metadata as Record<string, string[]>)[PLATFORM_ROLE_METADATA_KEY]).toEqual(['air-gapped-vault']);
    expect(v.Properties).toMatchObject({
      BackupVaultName: 'air-air-gapped-vault',
      MinRetentionDays: 35,
      MaxRetentionDays: 70,
    });
    expect(ofType(data, LAG)).toEqual([]);
  });

  test('encrypts with the recovery region’s rotated backup key, whose policy lets the primary backup role copy in', () => {
    const [, v] = vault();
    const keyId = refOf(v.Properties.EncryptionKeyArn)!;
    const key = recovery.Resources[keyId];
    expect(key.Type).toBe('AWS::KMS::Key');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    // The same key as the standard recovery vault (REST-3: every vault under a customer managed key).
    const [, standard] = ofType(recovery, 'AWS::Backup::BackupVault')[0];
    expect(refOf(standard.Properties.EncryptionKeyArn)).toBe(keyId);
    const statements = (key.Properties.KeyPolicy as { Statement: Record<string, unknown>[] }).Statement;
    const copy = statements.find((s) => s.Sid === 'PrimaryBackupRoleCopiesIntoRecoveryVault')!;
    expect(JSON.stringify(copy.Condition)).toContain('role/air-backup-eu-west-1');
    expect(JSON.stringify(copy.Condition)).toContain('backup.eu-central-1.amazonaws.com');
  });

  test('denies deleting points, shortening them and changing the policy to all but break glass', () => {
    const [, v] = vault();
    const [deny] = (v.Properties.AccessPolicy as { Statement: Record<string, unknown>[] }).Statement;
    expect(deny).toMatchObject({ Effect: 'Deny', Principal: '*', Resource: '*' });
    expect(deny.Action).toEqual(
      expect.arrayContaining([
        'backup:DeleteRecoveryPoint',
        'backup:UpdateRecoveryPointLifecycle',
        'backup:PutBackupVaultAccessPolicy',
      ]),
    );
    expect(JSON.stringify(deny.Condition)).toContain('role/air-backup-break-glass');
  });

  test('the daily rule copies to the recovery vault and, in addition, to the air-gapped vault, both for the retention', () => {
    const [[, plan]] = ofType(data, 'AWS::Backup::BackupPlan');
    const rules = (plan.Properties.BackupPlan as { BackupPlanRule: { CopyActions: Record<string, unknown>[] }[] })
      .BackupPlanRule;
    expect(rules).toHaveLength(1);
    const targets = rules[0].CopyActions.map((c) => c.DestinationBackupVaultArn);
    const [, v] = vault();
    const [, standard] = ofType(recovery, 'AWS::Backup::BackupVault')[0];
    const arnOf = (name: unknown) => `arn:aws:backup:${stage.recovery.region}:123456789012:backup-vault:${name}`;
    expect(targets).toEqual([arnOf(standard.Properties.BackupVaultName), arnOf(v.Properties.BackupVaultName)]);
    expect(rules[0].CopyActions.map((c) => c.Lifecycle)).toEqual([{ DeleteAfterDays: 35 }, { DeleteAfterDays: 35 }]);
  });

  test('the backup role the selection names may copy into the air-gapped vault', () => {
    const [[, selection]] = ofType(data, 'AWS::Backup::BackupSelection');
    const roleId = refOf((selection.Properties.BackupSelection as { IamRoleArn: unknown }).IamRoleArn)!;
    expect(data.Resources[roleId].Type).toBe('AWS::IAM::Role');
    const policies = ofType(data, 'AWS::IAM::ManagedPolicy').filter(([, p]) =>
      (p.Properties.Roles as unknown[]).some((r) => refOf(r) === roleId),
    );
    const copy = policies
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement)
      .find((s) => s.Sid === 'CopyIntoTheRecoveryVault')!;
    const [, v] = vault();
    expect(copy.Resource).toContainEqual(
      `arn:aws:backup:eu-central-1:123456789012:backup-vault:${String(v.Properties.BackupVaultName)}`,
    );
  });

  test('the Config rule watches the platform cluster in the primary region, under the prefix the alerts select', () => {
    const rules = ofType(primaryRules, 'AWS::Config::ConfigRule').filter(
      ([, r]) => (r.Properties.Source as { SourceIdentifier: string }).SourceIdentifier === RULE,
    );
    expect(rules).toHaveLength(1);
    const [, rule] = rules[0];
    expect(String(rule.Properties.ConfigRuleName).startsWith(configRuleNamePrefix('air'))).toBe(true);
    expect(rule.Properties.ConfigRuleName).toBe('air-aurora-resources-in-logically-air-gapped-vault');
    expect(rule.Properties.InputParameters).toEqual({
      resourceTags: JSON.stringify({ [PLATFORM_TAG_KEY]: 'air' }),
      recoveryPointAgeValue: '48',
      recoveryPointAgeUnit: 'hours',
    });
    // The cluster it judges carries that tag.
    const [[, cluster]] = ofType(data, 'AWS::RDS::DBCluster');
    expect(cluster.Properties.Tags).toContainEqual({ Key: PLATFORM_TAG_KEY, Value: 'air' });
    expect(
      ofType(recoveryRules, 'AWS::Config::ConfigRule').filter(([, r]) =>
        JSON.stringify(r.Properties.Source).includes(RULE),
      ),
    ).toEqual([]);
  });

  test('the break-glass role may manage the air-gapped vault too', () => {
    const text = JSON.stringify(
      ofType(recovery, 'AWS::IAM::ManagedPolicy').concat(ofType(recovery, 'AWS::IAM::Policy')),
    );
    expect(text).toContain('backup-vault:air-air-gapped-vault');
  });
});

/** The digest of the config as given (it differs by the unused settings), not of what the template deploys. */
function withoutConfigDigest(template: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(template)) as { Metadata?: Record<string, Record<string, unknown>> };
  const platform = copy.Metadata?.['PocketCity::Platform'];
  expect(platform?.configDigest).toEqual(expect.any(String));
  delete platform?.configDigest;
  return copy;
}

describe('logically air-gapped vault: off (the default)', () => {
  test('the reference platform has no air-gapped vault, no second copy and no air-gapped Config rule', () => {
    const stacks = referenceAssembly().stacks;
    const all = stacks.flatMap((s) => Object.values(s.template.Resources ?? {}));
    expect(all.filter((r) => r.Type === LAG)).toEqual([]);
    expect(JSON.stringify(all.filter((r) => r.Type === 'AWS::Config::ConfigRule'))).not.toContain(RULE);
    const plan = all.find((r) => r.Type === 'AWS::Backup::BackupPlan')!;
    const rules = (plan.Properties as { BackupPlan: { BackupPlanRule: { CopyActions: unknown[] }[] } }).BackupPlan
      .BackupPlanRule;
    expect(rules.map((r) => r.CopyActions.length)).toEqual([1]);
  });

  test('settings given but enabled false change no reference template', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'air-gapped-off-'));
    try {
      const app = cdkJsonApp({ outdir });
      const stage = new PlatformStage(app, REFERENCE_ENVIRONMENT, {
        config: referencePlatformConfig(
          {
            environmentName: REFERENCE_ENVIRONMENT,
            backup: { logicallyAirGappedVault: { enabled: false, minRetentionDays: 14, maxRetentionDays: 100 } },
          },
          TEST_NOW,
        ),
        now: TEST_NOW,
        stockPacks: [],
      });
      const assembly = stage.synth();
      const reference = referenceAssembly().stacks;
      for (const stack of [stage.data, stage.recovery, stage.threatDetection, stage.recoveryThreatDetection]) {
        const mine = withoutConfigDigest(assembly.getStackArtifact(stack.artifactId).template);
        const theirs = withoutConfigDigest(reference.find((s) => s.stackName === stack.stackName)!.template);
        expect(mine).toEqual(theirs);
      }
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('logically air-gapped vault: bad settings', () => {
  test.each([
    [
      'a minimum below AWS Backup’s 7 days',
      { logicallyAirGappedVault: { enabled: true, minRetentionDays: 5 } },
      'backup.logicallyAirGappedVault.minRetentionDays',
      /whole number from 7 to 36500/,
    ],
    [
      'a minimum above the copies’ retention',
      { retentionDays: 35, logicallyAirGappedVault: { enabled: true, minRetentionDays: 40 } },
      'backup.logicallyAirGappedVault.minRetentionDays',
      /minRetentionDays = 40: exceeds backup\.retentionDays \(35\), so AWS Backup would refuse every daily copy/,
    ],
    [
      'a maximum below the copies’ retention',
      { retentionDays: 35, logicallyAirGappedVault: { enabled: true, minRetentionDays: 7, maxRetentionDays: 20 } },
      'backup.logicallyAirGappedVault.maxRetentionDays',
      /is below backup\.retentionDays \(35\)/,
    ],
    [
      'a maximum below the minimum',
      { retentionDays: 35, logicallyAirGappedVault: { enabled: true, minRetentionDays: 35, maxRetentionDays: 30 } },
      'backup.logicallyAirGappedVault.maxRetentionDays',
      /maxRetentionDays = 30: is below minRetentionDays \(35\)/,
    ],
    [
      'a fractional minimum',
      { logicallyAirGappedVault: { enabled: true, minRetentionDays: 10.5 } },
      'backup.logicallyAirGappedVault.minRetentionDays',
      /10\.5.*whole number/s,
    ],
  ] as [string, BackupConfig, string, RegExp][])(
    'fails on %s, naming the setting, the value and the fix',
    (_w, backup, setting, text) => {
      const attempt = () => resolvePlatformConfig(config(backup), TEST_NOW);
      expect(attempt).toThrow(new RegExp(setting.replace(/\./g, '\\.')));
      expect(attempt).toThrow(text);
      expect(attempt).toThrow(/give whole days/);
    },
  );

  test('fails where AWS offers no air-gapped vault (recovery region Calgary)', () => {
    const attempt = () =>
      resolvePlatformConfig(
        referencePlatformConfig(
          {
            environmentName: 'air',
            recoveryRegion: { region: 'ca-west-1', availabilityZones: ['ca-west-1a', 'ca-west-1b', 'ca-west-1c'] },
            backup: { logicallyAirGappedVault: { enabled: true } },
          },
          TEST_NOW,
        ),
        TEST_NOW,
      );
    expect(attempt).toThrow(/backup\.logicallyAirGappedVault\.enabled/);
    expect(attempt).toThrow(/no logically air-gapped vault in the recovery region ca-west-1/);
  });

  test('a wrong type is a schema error naming the setting', () => {
    const attempt = () =>
      resolvePlatformConfig(config({ logicallyAirGappedVault: { enabled: 'yes' as unknown as boolean } }), TEST_NOW);
    expect(attempt).toThrow(/backup\.logicallyAirGappedVault\.enabled/);
  });

  test('the construct refuses a window AWS Backup would refuse, with its code', () => {
    const stack = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'eu-central-1' } });
    const encryptionKey = new kms.Key(stack, 'Key');
    expect(
      () =>
        new AirGappedBackupVault(stack, 'Short', {
          vaultName: 'v1',
          encryptionKey,
          minRetentionDays: 6,
          maxRetentionDays: 10,
        }),
    ).toThrow(/AirGappedBackupVault\.minRetentionDays.*at least 7 days/s);
    expect(
      () =>
        new AirGappedBackupVault(stack, 'Inverted', {
          vaultName: 'v2',
          encryptionKey,
          minRetentionDays: 30,
          maxRetentionDays: 20,
        }),
    ).toThrow(/AirGappedBackupVault\.maxRetentionDays.*below minRetentionDays \(30\)/s);
  });
});

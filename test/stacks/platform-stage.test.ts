import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { PlatformConfigError } from '../../lib/core/errors';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { PLATFORM_METADATA_KEY } from '../../lib/core/platform-metadata';
import { PlatformStage } from '../../lib/stacks/platform-stage';
import { TEST_NOW } from '../support/reference-constants';

describe('PlatformStage', () => {
  let stage: PlatformStage;
  beforeAll(() => {
    stage = new PlatformStage(new App(), 'prod', { config: referencePlatformConfig({}, TEST_NOW), now: TEST_NOW });
  });

  test('creates four stacks in the primary region and the recovery stack in the second region', () => {
    const where = [stage.network, stage.data, stage.service, stage.monitoring, stage.recovery].map((s) => [
      s.stackName,
      s.region,
      s.account,
    ]);
    expect(where).toEqual([
      ['prod-Network', 'eu-west-1', '123456789012'],
      ['prod-Data', 'eu-west-1', '123456789012'],
      ['prod-Service', 'eu-west-1', '123456789012'],
      ['prod-Monitoring', 'eu-west-1', '123456789012'],
      ['prod-Recovery', 'eu-central-1', '123456789012'],
    ]);
  });

  test('protects the stateful stack from deletion', () => {
    expect(stage.data.terminationProtection).toBe(true);
  });

  test('deploys the recovery region before the data that copies into it', () => {
    expect(stage.data.dependencies).toContain(stage.recovery);
  });

  // GuardDuty Runtime Monitoring instruments only tasks started after the detector: the first deploy's service tasks
  // and dump task must start under it.
  test("deploys the primary region's detectors before the service and the dump task", () => {
    expect(stage.service.dependencies).toContain(stage.threatDetection);
    expect(stage.data.dependencies).toContain(stage.threatDetection);
    expect(stage.threatDetection.dependencies).toContain(stage.monitoring);
    // No cycle: the monitoring stack names what it watches by fixed names and waits for neither workload.
    expect(stage.monitoring.dependencies).not.toContain(stage.service);
    expect(stage.monitoring.dependencies).not.toContain(stage.data);
  });

  test('tags every resource that takes tags with the platform tag the Config rules select by', () => {
    // The stage's aspects (tags among them) run when the stack is synthesized.
    const template = Template.fromStack(stage.service).toJSON() as {
      Resources: Record<string, { Type: string; Properties?: { Tags?: { Key: string; Value: string }[] } }>;
    };
    const service = Object.values(template.Resources).find((r) => r.Type === 'AWS::ECS::Service')!;
    expect(service.Properties?.Tags).toContainEqual({ Key: 'pocketcity:platform', Value: 'prod' });
  });

  test('records environment, opt-outs and the dump key fingerprint in every template for the evidence', () => {
    for (const stack of [stage.network, stage.data, stage.service, stage.monitoring, stage.recovery]) {
      expect(stack.templateOptions.metadata?.[PLATFORM_METADATA_KEY]).toEqual({
        environment: 'prod',
        configDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
        primaryRegion: 'eu-west-1',
        recoveryRegion: 'eu-central-1',
        optOuts: {},
        // The reference key's fingerprint, as `gpg --fingerprint` shows it.
        dumpKeyFingerprint: 'e178b74e5816733c6696589d1225bc752b9dc9da',
      });
    }
  });

  test('runs the claims checks as one plugin, and all four stock packs', () => {
    const names = (stage as unknown as { _validationPlugins: { name: string }[] })._validationPlugins.map(
      (p) => p.name,
    );
    expect(names).toEqual(['Claims', 'AwsSolutions', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']);
  });

  test('synthesizes its five stacks into its own assembly', () => {
    const assembly = stage.synth();
    expect(assembly.stacks.map((s) => s.hierarchicalId).sort()).toEqual([
      'prod/Data',
      'prod/Monitoring',
      'prod/Network',
      'prod/Recovery',
      'prod/RecoveryThreatDetection',
      'prod/Service',
      'prod/ThreatDetection',
    ]);
  });

  test('fails before creating any stack when the config is invalid', () => {
    const app = new App();
    expect(
      () =>
        new PlatformStage(app, 'bad', { config: referencePlatformConfig({ account: 'abc' }, TEST_NOW), now: TEST_NOW }),
    ).toThrow(PlatformConfigError);
    expect(app.node.children).toHaveLength(0);
  });
});

describe('PlatformStage packs in an app of several environments', () => {
  test('judge only their own stage, so a finding is reported once and synth grows linearly', () => {
    // GIVEN two environments
    const app = new App();
    const [first] = ['one', 'two'].map(
      (name) =>
        new PlatformStage(app, name, {
          config: referencePlatformConfig({ environmentName: name }, TEST_NOW),
          now: TEST_NOW,
        }),
    );
    const plugins = (
      first as unknown as {
        _validationPlugins: {
          name: string;
          validate(c: unknown): { violations: { violatingResources: { constructPath?: string }[] }[] };
        }[];
      }
    )._validationPlugins;
    const awsSolutions = plugins.find((p) => p.name === 'AwsSolutions')!;
    // WHEN a weak bucket is added to the second environment only
    new Bucket(app.node.findChild('two').node.findChild('Data'), 'WeakBucket');
    // THEN the first stage's pack does not report it
    const paths = awsSolutions
      .validate({ appConstruct: app })
      .violations.flatMap((v) => v.violatingResources.map((r) => r.constructPath));
    expect(paths.filter((p) => p?.startsWith('two/'))).toEqual([]);
  });
});

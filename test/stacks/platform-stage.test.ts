import { App } from 'aws-cdk-lib';
import { PlatformConfigError } from '../../lib/config/config-error';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { PLATFORM_METADATA_KEY } from '../../lib/compliance/assembly/platform-metadata';
import { PlatformStage } from '../../lib/stacks/platform-stage';
import { TEST_NOW } from '../support/platform-fixture';

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
    expect(stage.monitoring.dependencies).toContain(stage.service);
  });

  test('records environment and opt-outs in every template for the evidence', () => {
    for (const stack of [stage.network, stage.data, stage.service, stage.monitoring, stage.recovery]) {
      expect(stack.templateOptions.metadata?.[PLATFORM_METADATA_KEY]).toEqual({
        environment: 'prod',
        primaryRegion: 'eu-west-1',
        recoveryRegion: 'eu-central-1',
        optOuts: {},
      });
    }
  });

  test('runs the claims pack, the app-wide checks and all four stock packs', () => {
    const names = (stage as unknown as { _validationPlugins: { name: string }[] })._validationPlugins.map(
      (p) => p.name,
    );
    expect(names).toEqual([
      'Claims',
      'ClaimsAssembly',
      'AwsSolutions',
      'NIST.800.53.R5',
      'HIPAA.Security',
      'PCI.DSS.321',
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

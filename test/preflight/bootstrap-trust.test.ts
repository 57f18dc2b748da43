import { BootstrapTarget, bootstrapRoleFindings, bootstrapTargets } from '../../lib/cli/preflight/bootstrap-trust';
import { DELIVERY_METADATA_KEY, DeliveryMetadata } from '../../lib/core/delivery-metadata';
import { PlatformAssembly, StackTemplate } from '../../lib/compliance/template/platform-assembly';

/** The bootstrap-trust decision, on IAM GetRole's answer shape (the trust policy URL-encoded, as IAM returns it). */
describe('CDK bootstrap trust of a target account', () => {
  const PIPELINE = '111111111111';
  const TARGET = '222222222222';
  const target: BootstrapTarget = {
    account: TARGET,
    region: 'eu-west-1',
    qualifier: 'hnb659fds',
    pipelineAccount: PIPELINE,
    for: ["environment 'staging'"],
  };
  const role = (...statements: object[]) => ({
    RoleName: `cdk-hnb659fds-deploy-role-${TARGET}-eu-west-1`,
    AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: statements })),
  });
  const trusting = (aws: string | string[], effect = 'Allow') => ({
    Effect: effect,
    Principal: { AWS: aws },
    Action: 'sts:AssumeRole',
  });
  const FIX = `npx cdk bootstrap aws://${TARGET}/eu-west-1 --trust ${PIPELINE} --cloudformation-execution-policies arn:aws:iam::${TARGET}:policy/platform-deploy`;

  test('Compliance: the role trusts the pipeline account root (as `cdk bootstrap --trust` leaves it)', () => {
    const bootstrapped = role(trusting(`arn:aws:iam::${TARGET}:root`), trusting([`arn:aws:iam::${PIPELINE}:root`]));
    expect(bootstrapRoleFindings(target, 'deploy', bootstrapped)).toEqual([]);
  });

  test('Compliance: the bare account id, and plain JSON, are read too', () => {
    const plain = { AssumeRolePolicyDocument: JSON.stringify({ Statement: trusting(PIPELINE) }) };
    expect(bootstrapRoleFindings(target, 'lookup', plain)).toEqual([]);
  });

  test("Compliance: the pipeline account's own roles need only exist", () => {
    const own = { ...target, account: PIPELINE };
    expect(bootstrapRoleFindings(own, 'deploy', role(trusting(`arn:aws:iam::${PIPELINE}:root`)))).toEqual([]);
  });

  test('Noncompliance 1: a role trusting only its own account blocks, with the bootstrap command', () => {
    expect(bootstrapRoleFindings(target, 'deploy', role(trusting(`arn:aws:iam::${TARGET}:root`)))).toEqual([
      {
        region: 'eu-west-1',
        kind: 'prerequisite',
        subject: `bootstrap role cdk-hnb659fds-deploy-role-${TARGET}-eu-west-1`,
        blocking: true,
        detail: `does not trust the pipeline account ${PIPELINE}: the delivery pipeline (account ${PIPELINE}) needs it for environment 'staging'. Bootstrap the account there: ${FIX}`,
      },
    ]);
  });

  test('Noncompliance 2: a missing role blocks; another qualifier is in the command', () => {
    const [finding] = bootstrapRoleFindings({ ...target, qualifier: 'acme' }, 'file-publishing', undefined);
    expect(finding).toMatchObject({
      kind: 'prerequisite',
      blocking: true,
      subject: `bootstrap role cdk-acme-file-publishing-role-${TARGET}-eu-west-1`,
    });
    expect(finding.detail).toMatch(/^is missing: /);
    expect(finding.detail).toContain(
      `npx cdk bootstrap aws://${TARGET}/eu-west-1 --qualifier acme --trust ${PIPELINE}`,
    );
  });

  test('Noncompliance 3: a missing role in the pipeline account blocks with the plain bootstrap command', () => {
    const [finding] = bootstrapRoleFindings({ ...target, account: PIPELINE }, 'deploy', undefined);
    expect(finding.detail).toMatch(new RegExp(`npx cdk bootstrap aws://${PIPELINE}/eu-west-1$`));
  });

  test('Noncompliance 4: a Deny of the pipeline account, or trust only for sts:TagSession, blocks', () => {
    const denied = role(trusting(`arn:aws:iam::${PIPELINE}:root`), trusting(PIPELINE, 'Deny'));
    expect(bootstrapRoleFindings(target, 'deploy', denied)[0].detail).toMatch(/^denies account 111111111111/);
    const tagOnly = role({ ...trusting(`arn:aws:iam::${PIPELINE}:root`), Action: 'sts:TagSession' });
    expect(bootstrapRoleFindings(target, 'deploy', tagOnly)[0].detail).toMatch(/^does not trust/);
  });

  test('Noncompliance 5: a trust policy that cannot be read blocks as not checked', () => {
    expect(bootstrapRoleFindings(target, 'deploy', { AssumeRolePolicyDocument: '%7Bnot-json' })).toEqual([
      expect.objectContaining({ kind: 'unknown', blocking: true }),
    ]);
  });

  describe('targets, from the delivery metadata', () => {
    const stack = (stackName: string, region: string, qualifier?: string): StackTemplate => ({
      stackName,
      constructPath: stackName,
      account: TARGET,
      region,
      templatePath: `${stackName}.template.json`,
      template: (qualifier
        ? { Parameters: { BootstrapVersion: { Default: `/cdk-bootstrap/${qualifier}/version` } } }
        : {}) as StackTemplate['template'],
    });
    const delivery: DeliveryMetadata = {
      pipelineAccount: PIPELINE,
      pipelineRegion: 'eu-west-1',
      source: 'acme/platform@main',
      supportStacks: [],
      synthGates: ['install', 'tests', 'synth', 'strict-evidence'],
      problems: [],
      stages: [
        {
          wave: 'staging',
          environment: 'staging',
          account: TARGET,
          stacks: ['staging-Recovery (eu-central-1)', 'staging-Data (eu-west-1)', 'staging-Service (eu-west-1)'],
          approval: false,
          postGates: ['smoke', 'verify'],
        },
        {
          wave: 'production',
          environment: 'prod',
          account: PIPELINE,
          stacks: ['prod-Data (eu-west-1)'],
          approval: true,
          postGates: ['smoke', 'verify'],
        },
      ],
    };
    const assembly = new PlatformAssembly([
      stack('staging-Recovery', 'eu-central-1', 'acme'),
      stack('staging-Data', 'eu-west-1', 'acme'),
      stack('staging-Service', 'eu-west-1', 'acme'),
      { ...stack('Delivery', 'eu-west-1'), template: { Metadata: { [DELIVERY_METADATA_KEY]: delivery } } },
    ]);

    test("each region of each stage in the account, with its templates' qualifier", () => {
      expect(bootstrapTargets(assembly, delivery, TARGET)).toEqual([
        {
          account: TARGET,
          region: 'eu-central-1',
          qualifier: 'acme',
          pipelineAccount: PIPELINE,
          for: ["environment 'staging'"],
        },
        {
          account: TARGET,
          region: 'eu-west-1',
          qualifier: 'acme',
          pipelineAccount: PIPELINE,
          for: ["environment 'staging'"],
        },
      ]);
    });

    test('the pipeline account: its own region and its stages (default qualifier when no template says)', () => {
      expect(bootstrapTargets(assembly, delivery, PIPELINE)).toEqual([
        {
          account: PIPELINE,
          region: 'eu-west-1',
          qualifier: 'hnb659fds',
          pipelineAccount: PIPELINE,
          for: ['the pipeline', "environment 'prod'"],
        },
      ]);
    });

    test('an account the pipeline does not deploy to has no targets', () => {
      expect(bootstrapTargets(assembly, delivery, '999999999999')).toEqual([]);
    });
  });
});

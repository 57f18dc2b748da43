import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ThreatDetection } from '../../lib/monitoring/threat-detection';

const env = { account: '123456789012', region: 'eu-west-1' };

describe('ThreatDetection', () => {
  let template: Template;
  beforeAll(() => {
    const stack = new Stack(new App(), 'Threats', { env });
    new ThreatDetection(stack, 'Threats');
    template = Template.fromStack(stack);
  });

  test.each(['guardDuty', 'securityHub', 'accessAnalyzer'] as const)(
    'a mode that is not one (a typo) fails at synth instead of leaving %s out',
    (service) => {
      const stack = new Stack(new App(), 'Typo', { env });
      expect(() => new ThreatDetection(stack, 'Threats', { [service]: 'Existing' })).toThrow(
        `[ThreatDetection.serviceMode] Typo/Threats: ${service} = "Existing": is not a service mode. Fix: give one of 'create', 'existing', 'organization' (default 'create')`,
      );
    },
  );

  test('enables GuardDuty with S3 data event, RDS login and Fargate runtime protection', () => {
    template.hasResourceProperties('AWS::GuardDuty::Detector', {
      Enable: true,
      Features: [
        { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' },
        { Name: 'RDS_LOGIN_EVENTS', Status: 'ENABLED' },
        {
          Name: 'RUNTIME_MONITORING',
          Status: 'ENABLED',
          AdditionalConfiguration: [{ Name: 'ECS_FARGATE_AGENT_MANAGEMENT', Status: 'ENABLED' }],
        },
      ],
    });
  });

  test('enables Security Hub with the Foundational Security Best Practices standard of the region', () => {
    template.resourceCountIs('AWS::SecurityHub::Hub', 1);
    const standards = Object.values(template.findResources('AWS::SecurityHub::Standard'));
    expect(standards).toHaveLength(1);
    expect(JSON.stringify(standards[0].Properties.StandardsArn)).toMatch(
      /:securityhub:eu-west-1::standards\/aws-foundational-security-best-practices\/v\/1\.0\.0/,
    );
    expect(standards[0].DependsOn).toEqual([expect.stringMatching(/ThreatsHub/)]);
  });

  test('creates an account Access Analyzer', () => {
    template.hasResourceProperties('AWS::AccessAnalyzer::Analyzer', { Type: 'ACCOUNT' });
  });

  test('leaves out runtime monitoring only when asked', () => {
    const stack = new Stack(new App(), 'NoRuntime', { env });
    new ThreatDetection(stack, 'Threats', { runtimeMonitoring: false });
    const features = Template.fromStack(stack).findResources('AWS::GuardDuty::Detector');
    const names = Object.values(features).flatMap((r) =>
      (r.Properties.Features as { Name: string }[]).map((f) => f.Name),
    );
    expect(names).toEqual(['S3_DATA_EVENTS', 'RDS_LOGIN_EVENTS']);
  });

  test.each(['existing', 'organization'] as const)(
    "declares no singleton in mode '%s', and each service keeps its own mode",
    (mode) => {
      // GIVEN GuardDuty and Security Hub left to the account or the organisation, Access Analyzer created
      const stack = new Stack(new App(), `Modes${mode}`, { env });
      const threats = new ThreatDetection(stack, 'Threats', { guardDuty: mode, securityHub: mode });
      const t = Template.fromStack(stack);
      // THEN only the analyzer is declared
      expect(threats.modes).toEqual({ guardDuty: mode, securityHub: mode, accessAnalyzer: 'create' });
      for (const type of ['AWS::GuardDuty::Detector', 'AWS::SecurityHub::Hub', 'AWS::SecurityHub::Standard']) {
        t.resourceCountIs(type, 0);
      }
      t.resourceCountIs('AWS::AccessAnalyzer::Analyzer', 1);
    },
  );
});

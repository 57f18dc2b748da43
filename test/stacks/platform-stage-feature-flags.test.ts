import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DEFAULT_CROSS_STACK_REFERENCES } from 'aws-cdk-lib/cx-api';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { PlatformStage } from '../../lib/stacks/platform-stage';
import { TEST_NOW } from '../support/reference-constants';

/** The service stack (it reads the network's and the data's outputs) of a stage in an app with `context`. */
function serviceTemplate(context: Record<string, unknown>): string {
  const stage = new PlatformStage(new App({ context }), 'prod', {
    config: referencePlatformConfig({}, TEST_NOW),
    now: TEST_NOW,
  });
  return JSON.stringify(Template.fromStack(stage.service).toJSON());
}

describe("PlatformStage builds the same templates whatever the app's feature flags", () => {
  test('references other stacks weakly (Fn::GetStackOutput) in an app with no feature flags (the README cdk.json)', () => {
    const template = serviceTemplate({});
    expect(template).toContain('Fn::GetStackOutput');
    expect(template).not.toContain('Fn::ImportValue');
  });

  // An explicit choice is the app's: "both" is how a deployment made with strong references migrates.
  test('keeps a strength the app sets itself', () => {
    expect(serviceTemplate({ [DEFAULT_CROSS_STACK_REFERENCES]: 'strong' })).toContain('Fn::ImportValue');
  });
});

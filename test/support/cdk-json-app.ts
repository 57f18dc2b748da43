import * as fs from 'fs';
import * as path from 'path';
import { App, AppProps } from 'aws-cdk-lib';

const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '../../cdk.json'), 'utf8')) as {
  context?: Record<string, unknown>;
};

/**
 * An App with the feature flags of cdk.json, as the CLI gives the reference app, so a test synthesizes what
 * `cdk synth` would (for example weak cross-stack references as `Fn::GetStackOutput`).
 */
export function cdkJsonApp(props: AppProps = {}): App {
  return new App({ ...props, context: { ...cdkJson.context, ...props.context } });
}

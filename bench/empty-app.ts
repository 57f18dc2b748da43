// The floor: an app with one empty stack, synthesized by the same CLI, runner and aws-cdk-lib as the platform.
import { App, Stack } from 'aws-cdk-lib';

const app = new App();
new Stack(app, 'Empty', { env: { account: '123456789012', region: 'eu-west-1' } });

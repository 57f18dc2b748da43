/**
 * The exact versions the library is tested with (the lowest of its peer ranges, which the repository, the consumer
 * example and every test install), pinned into the package.json that `secure-platform init` writes.
 * test/cli/init.test.ts keeps them equal to what the repository installs.
 */
export const TESTED_DEPENDENCIES: Readonly<Record<string, string>> = {
  'aws-cdk-lib': '2.276.0',
  'cdk-nag': '3.0.2',
  constructs: '10.8.1',
};

/** The CDK CLI, ts-node and TypeScript the app is synthesized and type-checked with; the IAM engine of the flow proofs. */
export const TESTED_DEV_DEPENDENCIES: Readonly<Record<string, string>> = {
  '@cloud-copilot/iam-simulate': '0.1.173',
  '@types/node': '22.20.7',
  'aws-cdk': '2.1148.1',
  'ts-node': '10.9.2',
  typescript: '5.9.3',
};

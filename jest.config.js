/**
 * Tests synthesize an app once per file (beforeAll), and files that only read the reference platform share one
 * synthesized by the global setup; swc transpiles without type-checking (tsc --noEmit is its own step).
 *
 * CDK's built-in CloudFormation template validation costs about two seconds per synth inside jest and tests none of
 * our code, so unit tests skip it; the real `cdk synth` in `npm run synth` (CI) runs it, with
 * `@aws-cdk/core:validateAgainstDefaultRules` making its findings errors.
 */
process.env.CDK_VALIDATION ??= 'false';

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest'],
  },
  setupFilesAfterEnv: ['aws-cdk-lib/testhelpers/jest-autoclean'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 120000,
  // jest's default leaves one of the two cores idle; the parent process mostly waits.
  maxWorkers: '100%',
};

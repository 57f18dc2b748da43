/**
 * The global setup synthesizes two shared platforms (the reference and the one with every opt-out) with the packs on,
 * and judges the reference once; test files that only read templates, CDK's validation report or the judgement
 * share those, and the rest synthesize what they need once per file (beforeAll). swc transpiles without
 * type-checking (tsc --noEmit is its own step).
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

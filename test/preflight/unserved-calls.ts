import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';

/**
 * Answers by `<client>.<command>` (as the SDK names them: `LambdaClient.GetAccountSettingsCommand`), or an error to
 * throw as AWS would.
 */
export type Answers = Readonly<Record<string, object | Error>>;

/**
 * Middleware that answers the listed calls before they are sent, first in every client's stack; other calls go on to
 * the emulator. Used for what moto 5.2.5 does not serve, and for answers an account gives that moto cannot build.
 */
export function answering(answers: Answers): InitializeMiddleware<object, MetadataBearer> {
  return (next, context) => async (args) => {
    const answer = answers[`${String(context.clientName)}.${String(context.commandName)}`];
    if (answer === undefined) return next(args);
    if (answer instanceof Error) throw answer;
    return { output: { $metadata: {}, ...answer }, response: {} };
  };
}

/** An account's Lambda concurrency figures, as GetAccountSettings returns them. */
export const lambdaConcurrency = (quota: number, unreserved = quota) => ({
  AccountLimit: { ConcurrentExecutions: quota, UnreservedConcurrentExecutions: unreserved },
});

/**
 * The calls of the preflight that moto 5.2.5 does not serve, answered as AWS answers an account where nothing is set
 * up: IAM Access Analyzer's ListAnalyzers (not emulated), Lambda's GetAccountSettings (not emulated; the default
 * quota of 1,000) and Security Hub's GetEnabledStandards (not emulated, nor is BatchEnableStandards: a hub enabled
 * with `EnableDefaultStandards: false` has none). Unanswered, moto fails the call and the preflight blocks.
 */
export const UNSERVED: Answers = {
  'AccessAnalyzerClient.ListAnalyzersCommand': { analyzers: [] },
  'LambdaClient.GetAccountSettingsCommand': lambdaConcurrency(1000),
  'SecurityHubClient.GetEnabledStandardsCommand': { StandardsSubscriptions: [] },
};

/** An error as the SDK raises it for a denied call. */
export function denied(action: string): Error {
  return Object.assign(
    new Error(`User: arn:aws:iam::123456789012:user/preflight is not authorized to perform: ${action}`),
    {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    },
  );
}

import * as lambda from 'aws-cdk-lib/aws-lambda';
import { PlatformConstructError } from './errors';

const NODE_RUNTIME_NAME = /^nodejs(\d+)\.x$/;

/**
 * The newest Node.js runtime the installed aws-cdk-lib knows, so the library's functions pass AwsSolutions-L1 (which
 * compares against the same `Runtime.ALL`) whichever supported aws-cdk-lib the app installs. Not
 * `determineLatestNodeRuntime`: its regional facts lag `Runtime.ALL` (aws-cdk-lib 2.278 lists nodejs26.x and still
 * answers nodejs24.x). Not `NODEJS_LATEST` either: its name can trail the newest runtime in the same way.
 *
 * @param runtimes the runtimes to choose from (aws-cdk-lib's list; a test passes its own)
 */
export function latestNodeRuntime(runtimes: readonly lambda.Runtime[] = lambda.Runtime.ALL): lambda.Runtime {
  let latest: { runtime: lambda.Runtime; major: number } | undefined;
  for (const runtime of runtimes) {
    const major = Number(NODE_RUNTIME_NAME.exec(runtime.name)?.[1]);
    if (runtime.family !== lambda.RuntimeFamily.NODEJS || runtime.isVariable || !Number.isInteger(major)) continue;
    if (!latest || major > latest.major) latest = { runtime, major };
  }
  if (!latest) {
    throw new PlatformConstructError({
      code: 'LambdaRuntime.nodejs',
      setting: 'aws-cdk-lib',
      problem: 'lists no Node.js Lambda runtime named nodejsNN.x in Runtime.ALL',
      fix: 'install an aws-cdk-lib the library supports (see its peerDependencies)',
    });
  }
  return latest.runtime;
}

/** The Node.js major version a runtime such as `nodejs24.x` runs. */
export function nodeMajorOf(runtime: lambda.Runtime): number {
  const major = Number(NODE_RUNTIME_NAME.exec(runtime.name)?.[1]);
  // library bug, not a user mistake: callers pass a runtime latestNodeRuntime chose
  if (!Number.isInteger(major)) throw new Error(`${runtime.name} is not a Node.js runtime named nodejsNN.x`);
  return major;
}

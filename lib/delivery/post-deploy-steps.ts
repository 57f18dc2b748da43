import * as iam from 'aws-cdk-lib/aws-iam';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { physicalNames } from '../config/physical-names';
import type { ResolvedPlatformConfig } from '../config/resolve-config';

/** What the post-deploy steps of one environment need besides its config. */
export interface PostDeployStepOptions {
  /** The repository (source), where the CLI and its dependencies come from. */
  readonly source: pipelines.IFileSetProducer;
  /** The synth step's output (the cloud assembly): verify reads what to check from its templates. */
  readonly assembly: pipelines.IFileSetProducer;
  /** Installs the CLI's dependencies in the source. */
  readonly installCommands: readonly string[];
  /** How to run `secure-platform` there. */
  readonly cli: string;
  /** The CDK bootstrap qualifier of the target accounts. */
  readonly bootstrapQualifier: string;
}

/** The smoke step, then the verify step, of one environment; the verify step waits for the smoke step. */
export interface PostDeploySteps {
  readonly smoke: pipelines.CodeBuildStep;
  readonly verify: pipelines.CodeBuildStep;
}

/** The read-only profile the steps read the target account through. */
const PROFILE = 'target';

/**
 * The CDK bootstrap's lookup role of the environment's account: bootstrapped with `--trust PIPELINE_ACCOUNT` it
 * trusts the pipeline account and holds ReadOnlyAccess (with kms:Decrypt denied), all that smoke and verify need.
 */
export function lookupRoleArn(config: ResolvedPlatformConfig, qualifier: string): string {
  const { account } = config;
  const region = config.primaryRegion.region;
  // A literal partition, so the ARN reads the same in the policy and in the buildspec's commands.
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return `arn:${partition}:iam::${account}:role/cdk-${qualifier}-lookup-role-${account}-${region}`;
}

/**
 * The post-deploy gates of one environment: smoke checks of the live endpoint (HTTPS with HSTS, HTTP only
 * redirecting, TLS below 1.2 refused, security.txt not expired) and of the recovery vault in the recovery region,
 * then `secure-platform verify`, whose report is the step's output, kept with the run. Each CodeBuild role may
 * assume only the target account's lookup role; a failing command fails the step and stops the wave.
 */
export function postDeploySteps(config: ResolvedPlatformConfig, options: PostDeployStepOptions): PostDeploySteps {
  const roleArn = lookupRoleArn(config, options.bootstrapQualifier);
  const assumeLookupRole = [
    new iam.PolicyStatement({ sid: 'AssumeTargetLookupRole', actions: ['sts:AssumeRole'], resources: [roleArn] }),
  ];
  // CodeBuild's own credentials stay the source; the AWS CLI and SDK assume the lookup role through the profile.
  const useTargetProfile = [
    `aws configure set profile.${PROFILE}.role_arn ${roleArn}`,
    `aws configure set profile.${PROFILE}.credential_source EcsContainer`,
  ];
  const smoke = new pipelines.CodeBuildStep('Smoke', {
    input: options.source,
    installCommands: [...options.installCommands],
    commands: [
      `${options.cli} smoke --url https://${config.domainName}`,
      ...useTargetProfile,
      `aws backup describe-backup-vault --profile ${PROFILE} --region ${config.recoveryRegion.region} ` +
        `--backup-vault-name ${physicalNames.recoveryVault(config)}`,
    ],
    rolePolicyStatements: assumeLookupRole,
  });
  const verify = new pipelines.CodeBuildStep('Verify', {
    input: options.source,
    additionalInputs: { 'synth.out': options.assembly },
    installCommands: [...options.installCommands],
    commands: [
      ...useTargetProfile,
      `AWS_PROFILE=${PROFILE} ${options.cli} verify --environment ${config.environmentName} --assembly synth.out --out verify-report`,
    ],
    primaryOutputDirectory: 'verify-report',
    rolePolicyStatements: assumeLookupRole,
  });
  verify.addStepDependency(smoke);
  return { smoke, verify };
}

import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { rules } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { acknowledgeFinding } from '../../core/acknowledge';

const COMPLIANCE_PACKS = ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'] as const;

/**
 * The findings of the stock packs on what CDK Pipelines generates, each acknowledged with why it does not apply.
 * Everything else the packs find on the pipeline stays a finding and fails synth.
 */
export function acknowledgePipelineFindings(pipeline: IConstruct, buckets: readonly s3.IBucket[]): void {
  acknowledgeFinding(
    pipeline,
    ...COMPLIANCE_PACKS.map((pack) => ({
      rule: `${pack}-IAMNoInlinePolicy`,
      claim: 'MONITOR-1' as const,
      reason:
        "CDK Pipelines creates one role per action and project and grants each through that role's own inline policy, " +
        "scoped to this pipeline's artifact buckets, keys, projects and log groups; an inline policy cannot be attached " +
        'to any other principal, so no grant can spread beyond the pipeline',
    })),
    ...(['HIPAA.Security', 'PCI.DSS.321'] as const).map((pack) => ({
      rule: `${pack}-CodeBuildProjectSourceRepoUrl`,
      claim: 'MONITOR-1' as const,
      reason:
        "the pipeline's CodeBuild projects take their source as a CODEPIPELINE artifact, never from a repository URL: " +
        'the repository is reached only through the CodeConnections connection (an app installation, no credentials ' +
        'stored in any project), which is what the rule protects',
    })),
  );
  for (const bucket of buckets) {
    const resource = bucket.node.defaultChild;
    if (!(resource instanceof s3.CfnBucket)) continue;
    // Artifacts of earlier runs (the evidence bundle, verify reports) must not be overwritten silently.
    resource.versioningConfiguration = { status: 'Enabled' };
    acknowledgeFinding(
      resource,
      {
        rule: 'AwsSolutions-S1',
        claim: 'MONITOR-1',
        reason:
          "pipeline artifact bucket: only the pipeline's own roles and the target accounts' CDK deploy roles may use " +
          'it (bucket and key policies) and each object is written once per run; the trail of the account records who ' +
          'started and changed the pipeline',
      },
      ...COMPLIANCE_PACKS.flatMap((pack) => [
        {
          rule: `${pack}-S3BucketLoggingEnabled`,
          claim: 'MONITOR-1' as const,
          reason:
            "pipeline artifact bucket: only the pipeline's own roles and the target accounts' CDK deploy roles may use " +
            'it and each object is written once per run; server access logs would record only those roles',
        },
        {
          rule: `${pack}-S3BucketReplicationEnabled`,
          claim: 'DATA-3' as const,
          reason:
            'pipeline artifacts are rebuilt from the repository by the next run; they hold no customer data and are ' +
            "not a store the platform's DATA-3 claim covers",
        },
      ]),
    );
  }
  for (const child of pipeline.node.findAll()) acknowledgeGeneratedWildcards(child);
}

/** Why CDK Pipelines' own wildcards stay: by the finding cdk-nag reports (`Action::...`, `Resource::...`). */
const WILDCARD_REASONS: readonly { readonly finding: RegExp; readonly reason: string }[] = [
  {
    finding: /^Action::s3:(GetObject|GetBucket|List|DeleteObject|Abort|PutObject)\*$/,
    reason:
      "S3 action families CDK's bucket grants use, on the pipeline's own artifact buckets only (each run writes new " +
      'object keys, unknown at synth)',
  },
  {
    finding: /^Action::kms:(GenerateDataKey|ReEncrypt)\*$/,
    reason: "the KMS action families SSE-KMS needs to read and write artifacts, on the pipeline's artifact keys only",
  },
  {
    finding: /^Resource::(<[^>]*ArtifactsBucket[^>]*\.Arn>|arn:[^:]+:s3:::[a-z0-9-]*replicationbucket[a-z0-9]*)\/\*$/,
    reason: "objects of the pipeline's own artifact bucket: every run writes artifacts under new keys",
  },
  {
    finding: /^Resource::arn:[^:]+:logs:[^:]+:\d{12}:log-group:\/aws\/codebuild\/<[^>]+>:\*$/,
    reason: "log streams of the CodeBuild project's own log group, which CodeBuild names per build at run time",
  },
  {
    finding: /^Resource::arn:[^:]+:codebuild:[^:]+:\d{12}:report-group\/<[^>]+>-\*$/,
    reason: "test report groups named after the CodeBuild project's own name, created per build",
  },
  {
    finding:
      /^Resource::arn:[^:]+:(logs:[^:]+:\d{12}:log-group:\/aws\/codebuild|codebuild:[^:]+:\d{12}:report-group)\/\*$/,
    reason:
      'log groups and report groups of the asset publishing projects, which CDK Pipelines creates after the ' +
      'publishing role they share (one per asset type), so the role cannot name them; the account has no other ' +
      'CodeBuild projects in the pipeline account by the bootstrap guidance (docs/delivery.md)',
  },
  {
    finding: /^Resource::arn:\*:iam::\d{12}:role\/\*$/,
    reason:
      'sts:AssumeRole limited by condition to the CDK bootstrap roles tagged aws-cdk:bootstrap-role (deploy, file- ' +
      'and image-publishing): the self-mutation step deploys the pipeline stack through them, as `cdk deploy` does',
  },
];

/** Actions CDK Pipelines grants on '*' that name no narrower resource, with why. */
const STAR_ACTIONS: Readonly<Record<string, string>> = {
  'codebuild:BatchGetBuilds':
    'CDK Pipelines also uses the asset publishing role to start the publishing projects it creates after the role',
  'codebuild:StartBuild':
    'CDK Pipelines also uses the asset publishing role to start the publishing projects it creates after the role',
  'codebuild:StopBuild':
    'CDK Pipelines also uses the asset publishing role to start the publishing projects it creates after the role',
  'cloudformation:DescribeStacks': 'the CDK CLI reads the bootstrap stack and the stacks it deploys by name',
  's3:ListBucket': 'the CDK CLI lists the bootstrap bucket, whose name it learns at run time',
  'kms:Decrypt': "the cross-region replication keys, which the pipeline knows only by alias in another region's stack",
  'kms:DescribeKey':
    "the cross-region replication keys, which the pipeline knows only by alias in another region's stack",
  'kms:Encrypt': "the cross-region replication keys, which the pipeline knows only by alias in another region's stack",
  'kms:GenerateDataKey*':
    "the cross-region replication keys, which the pipeline knows only by alias in another region's stack",
  'kms:ReEncrypt*':
    "the cross-region replication keys, which the pipeline knows only by alias in another region's stack",
};

function acknowledgeGeneratedWildcards(node: IConstruct): void {
  if (!(node instanceof iam.CfnPolicy)) return;
  const findings = rules.iam.IAMNoWildcardPermissions(node);
  if (!Array.isArray(findings)) return;
  for (const finding of findings) {
    const reason = wildcardReason(node, finding);
    if (!reason) continue; // stays a finding
    acknowledgeFinding(node, {
      rule: `AwsSolutions-IAM5[${finding}]`,
      claim: 'MONITOR-1',
      reason: `generated by CDK Pipelines: ${reason}`,
    });
  }
}

function wildcardReason(policy: iam.CfnPolicy, finding: string): string | undefined {
  if (finding !== 'Resource::*') return WILDCARD_REASONS.find((r) => r.finding.test(finding))?.reason;
  // '*' is acceptable only for actions that name no narrower resource here: every such action must be listed.
  const document = Stack.of(policy).resolve(policy.policyDocument) as { Statement?: unknown[] };
  const starActions = (document.Statement ?? []).flatMap((s) => {
    const statement = s as { Resource?: unknown; Action?: unknown };
    const resources = ([] as unknown[]).concat(statement.Resource ?? []);
    return resources.includes('*') ? ([] as unknown[]).concat(statement.Action ?? []).map(String) : [];
  });
  if (starActions.length === 0 || starActions.some((a) => !(a in STAR_ACTIONS))) return undefined;
  return [...new Set(starActions)].map((a) => `${a} on '*': ${STAR_ACTIONS[a]}`).join('; ');
}

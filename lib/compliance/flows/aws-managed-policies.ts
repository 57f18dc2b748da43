/**
 * Documents of the AWS managed policies the platform attaches, as AWS publishes them, so the flow proofs can
 * evaluate the roles that carry them without calling IAM. A role with an AWS managed policy missing here cannot be
 * proven to be denied anything: its forbidden flows fail, naming the policy.
 */
export const AWS_MANAGED_POLICY_DOCUMENTS: Readonly<Record<string, { Version: string; Statement: unknown[] }>> = {
  'service-role/AWSLambdaBasicExecutionRole': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: '*',
      },
    ],
  },
};

/** The document of an AWS managed policy ARN (`arn:<partition>:iam::aws:policy/<name>`), if known offline. */
export function awsManagedPolicyDocument(arn: string): { Version: string; Statement: unknown[] } | undefined {
  const m = /^arn:[^:]+:iam::aws:policy\/(.+)$/.exec(arn);
  return m ? AWS_MANAGED_POLICY_DOCUMENTS[m[1]] : undefined;
}

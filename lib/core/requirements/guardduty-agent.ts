/**
 * Where GuardDuty Runtime Monitoring keeps its Fargate security agent: a repository of this name in an AWS-owned
 * account per region. Every Fargate task's execution role pulls the agent's image from it when GuardDuty manages the
 * agent (the sidecar is added at task start).
 * Source: https://docs.aws.amazon.com/guardduty/latest/ug/ecs-runtime-agent-ecr-image-uri.html
 */
export const GUARDDUTY_FARGATE_AGENT_REPOSITORY = 'aws-guardduty-agent-fargate';

/** The AWS account hosting GuardDuty's Fargate agent repository, by region (from the page above). */
export const GUARDDUTY_FARGATE_AGENT_ACCOUNTS: Readonly<Record<string, string>> = {
  'us-east-1': '593207742271',
  'us-east-2': '307168627858',
  'us-west-1': '684579721401',
  'us-west-2': '733349766148',
  'ca-central-1': '354763396469',
  'sa-east-1': '758426053663',
  'eu-west-1': '694911143906',
  'eu-west-2': '892757235363',
  'eu-west-3': '665651866788',
  'eu-central-1': '323658145986',
  'eu-north-1': '591436053604',
  'me-central-1': '000014521398',
  'ap-south-1': '251508486986',
  'ap-south-2': '950823858135',
};

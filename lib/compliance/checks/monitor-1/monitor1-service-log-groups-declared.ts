import type { LogGroupProps } from '../../template/cfn/logs';
import type { ModelResource, StageModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';
import { modelResourceCheck, NOT_APPLICABLE } from '../check';

/** What the check reads of the resources that make AWS create a log group; each type reads its own fields. */
interface WriterProps {
  readonly FunctionName?: unknown;
  readonly LoggingConfig?: { readonly LogGroup?: unknown };
  readonly ClusterName?: unknown;
  readonly ClusterSettings?: readonly { readonly Name?: unknown; readonly Value?: unknown }[];
  readonly DBClusterIdentifier?: unknown;
  readonly DBInstanceIdentifier?: unknown;
  readonly EnableCloudwatchLogsExports?: unknown;
  readonly LogDestinationType?: unknown;
  readonly LogGroupName?: unknown;
}
type Writer = ModelResource<WriterProps>;
type LogGroup = ModelResource<LogGroupProps>;

/**
 * A log group name as a comparable key: literal text stays text, a `Ref` to a resource (whose value is its name)
 * becomes a marker of that resource; undefined when any part cannot be worked out from the templates.
 */
type NameKey = string | undefined;

/**
 * MONITOR-1 (and REST-1): every log group AWS would create on the platform's behalf (a Lambda function's
 * `/aws/lambda/<name>`, Container Insights' `/aws/ecs/containerinsights/<cluster>/performance`, RDS's exported logs
 * `/aws/rds/cluster/<id>/<log>`, a flow log's group) is declared in the assembly first, with a retention and a
 * customer managed key: one AWS creates itself keeps its events forever, unencrypted by the platform's keys, and no
 * other check sees it. RDS enhanced monitoring's `RDSOSMetrics` is one group per account and region, shared with
 * every other database of the account, so it is not judged here (docs/constructs/multi-az-database.md).
 */
export const serviceLogGroupsDeclared = modelResourceCheck<WriterProps>({
  id: 'MONITOR1-ServiceLogGroupsDeclared',
  claims: ['MONITOR-1', 'REST-1'],
  failure:
    'A resource makes AWS create a log group that the assembly does not declare with a retention and a customer managed key.',
  description:
    'MONITOR-1 and REST-1: every log group a function, a Container Insights cluster, a database exporting its logs or a flow log writes to is declared with RetentionInDays and KmsKeyId, found by the name AWS gives it (resolved through the model; a name the templates cannot fix fails)',
  types: [
    'AWS::Lambda::Function',
    'AWS::ECS::Cluster',
    'AWS::RDS::DBCluster',
    'AWS::RDS::DBInstance',
    'AWS::EC2::FlowLog',
  ],
  evidenceProperties: ['LoggingConfig.LogGroup', 'ClusterSettings', 'EnableCloudwatchLogsExports', 'LogGroupName'],
  judge: (writer, model) => {
    const wanted = wantedGroups(writer, model);
    if (wanted.length === 0) return NOT_APPLICABLE;
    const findings = new Set<string>();
    for (const name of wanted) {
      if (name === undefined) {
        findings.add('LogGroupNameNotResolvable');
        continue;
      }
      const group = declaredGroup(writer, model, name);
      if (!group) findings.add('LogGroupNotDeclared');
      else {
        if (typeof group.props.RetentionInDays !== 'number') findings.add('LogGroupWithoutRetention');
        if (group.props.KmsKeyId === undefined) findings.add('LogGroupWithoutKmsKey');
      }
    }
    return findings.size ? [...findings] : true;
  },
});

/** The name keys of the log groups AWS would write `writer`'s logs to (empty: it makes none). */
function wantedGroups(writer: Writer, model: StageModel): NameKey[] {
  const p = writer.props;
  const own = (nameProperty: unknown) => ownName(writer, model, nameProperty);
  switch (writer.type) {
    case 'AWS::Lambda::Function': {
      const configured = p.LoggingConfig?.LogGroup;
      if (configured !== undefined) return [nameKey(writer, model, configured)];
      return [join('/aws/lambda/', own(p.FunctionName))];
    }
    case 'AWS::ECS::Cluster': {
      const insights = asArray(p.ClusterSettings).find((s) => s.Name === 'containerInsights')?.Value;
      return insights === 'enabled' || insights === 'enhanced'
        ? [join('/aws/ecs/containerinsights/', own(p.ClusterName), '/performance')]
        : [];
    }
    case 'AWS::RDS::DBCluster':
      return exportedLogs(p).map((log) => join('/aws/rds/cluster/', own(p.DBClusterIdentifier), `/${log}`));
    case 'AWS::RDS::DBInstance':
      // An Aurora instance's logs are its cluster's.
      if (p.DBClusterIdentifier !== undefined) return [];
      return exportedLogs(p).map((log) => join('/aws/rds/instance/', own(p.DBInstanceIdentifier), `/${log}`));
    case 'AWS::EC2::FlowLog':
      return p.LogDestinationType === undefined || p.LogDestinationType === 'cloud-watch-logs'
        ? [nameKey(writer, model, p.LogGroupName)]
        : [];
    default:
      return [];
  }
}

const exportedLogs = (p: WriterProps) => asArray<unknown>(p.EnableCloudwatchLogsExports).map(String);

/** The resource's own name: its literal name property, or (none given) the name CloudFormation generates. */
function ownName(writer: Writer, model: StageModel, nameProperty: unknown): NameKey {
  if (nameProperty === undefined) return marker(writer);
  return nameKey(writer, model, nameProperty);
}

const marker = (r: ModelResource<unknown>) => `\u0000${r.stack.stackName}/${r.logicalId}\u0000`;

function join(...parts: NameKey[]): NameKey {
  return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
}

/** A name-valued template value as a key: text, a `Ref` to a resource (its name), or a join of those. */
function nameKey(from: ModelResource<unknown>, model: StageModel, value: unknown): NameKey {
  const text = model.text(from, value);
  if (text !== undefined) return text;
  if (value && typeof value === 'object' && 'Ref' in value) {
    const target = model.resolve(from, value);
    if (!target) return undefined;
    // A Ref to a log group is that group; to another resource, the resource's name.
    return target.type === 'AWS::Logs::LogGroup' ? groupKey(target, model) : marker(target);
  }
  const joined = (value as { 'Fn::Join'?: unknown } | null)?.['Fn::Join'];
  if (Array.isArray(joined) && joined[0] === '' && Array.isArray(joined[1]))
    return join(...(joined[1] as unknown[]).map((part) => nameKey(from, model, part)));
  return undefined;
}

/** A declared log group's name key: its literal or reference-built name, or its own marker when generated. */
function groupKey(group: LogGroup, model: StageModel): NameKey {
  return group.props.LogGroupName === undefined ? marker(group) : nameKey(group, model, group.props.LogGroupName);
}

/** The log group of `writer`'s account and region whose name is `name`. */
function declaredGroup(writer: Writer, model: StageModel, name: string): LogGroup | undefined {
  return model
    .ofType<LogGroupProps>('AWS::Logs::LogGroup')
    .find((g) => g.stack.account === writer.stack.account && g.region === writer.region && groupKey(g, model) === name);
}

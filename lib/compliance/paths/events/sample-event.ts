import { configRuleNamePrefix } from '../../../core/requirements/continuous-config-rules';
import type { EventBinding } from '../../../core/requirements/paths/events';
import { SAMPLE_EVENTS, SampleEventId } from '../../../core/requirements/paths/sample-events';
import { asArray } from '../../template/template-values';
import type { StageModel } from '../../template/stage-model';

/**
 * A copy of a documented sample event as the platform's account and region would receive it, with the requirement's
 * bindings written in. Throws, naming the binding, when a value cannot be worked out (the path then fails).
 */
export function boundSampleEvent(
  model: StageModel,
  sample: SampleEventId,
  region: string,
  bindings: readonly EventBinding[],
): Record<string, unknown> {
  const event = structuredClone(SAMPLE_EVENTS[sample].event) as Record<string, unknown>;
  if (model.environment.account) event.account = model.environment.account;
  event.region = region;
  for (const b of bindings) setPath(event, b.path, bindingValue(model, b, region));
  return event;
}

function bindingValue(model: StageModel, b: EventBinding, region: string): string | number | boolean {
  switch (b.value) {
    case 'literal':
      return b.literal;
    case 'platform-config-rule-name':
      return `${configRuleNamePrefix(model.name)}s3-bucket-ssl-requests-only`;
    case 'restore-testing-plan-arn': {
      const plans = model.withRole(b.role).filter((p) => p.region === region);
      const name = plans.length === 1 ? model.text(plans[0], plans[0].props.RestoreTestingPlanName) : undefined;
      if (!name || !model.environment.account)
        throw new Error(
          `binding ${b.path}: ${plans.length} resources of role ${b.role} in ${region}, one with a name is needed`,
        );
      // The plan's name in the ARN, as the composed sample has it (AWS documents no example of this ARN).
      return `arn:aws:backup:${region}:${model.environment.account}:restore-testing-plan:${name}`;
    }
    case 'task-definition-arn': {
      const td = model.theOne(b.role);
      const family = model.text(td, td.props.Family);
      if (!family || !model.environment.account)
        throw new Error(`binding ${b.path}: the task definition's family or account is not known`);
      return `arn:aws:ecs:${td.region}:${model.environment.account}:task-definition/${family}:1`;
    }
    case 'essential-container-name': {
      const td = model.theOne(b.role);
      const essential = asArray<Record<string, unknown>>(td.props.ContainerDefinitions).find(
        (c) => c.Essential !== false,
      );
      const name = essential ? model.text(td, essential.Name) : undefined;
      if (!name) throw new Error(`binding ${b.path}: the task definition has no essential container with a name`);
      return name;
    }
  }
}

function setPath(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Record<string, unknown> = root;
  for (const k of keys.slice(0, -1)) {
    const next = node[k];
    if (!next || typeof next !== 'object') throw new Error(`binding ${path}: the sample event has no ${k}`);
    node = next as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

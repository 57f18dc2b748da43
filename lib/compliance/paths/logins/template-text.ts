import type { StackTemplate } from '../../template/platform-assembly';
import type { ModelResource, StageModel } from '../../template/stage-model';

/** What a reference resolves to: a resource of the model and the attribute read (`Ref` for a Ref). */
export interface AttributeRef {
  readonly resource: ModelResource;
  readonly attribute: string;
}

/**
 * The resource and attribute a value names, following `Fn::GetStackOutput` and `Fn::ImportValue` into the stack
 * that outputs it (the model's resolver gives the resource only; a login path needs the attribute too).
 */
export function attributeOf(model: StageModel, stack: StackTemplate, value: unknown): AttributeRef | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.Ref === 'string') {
    const resource = model.find(stack.stackName, v.Ref);
    return resource && { resource, attribute: 'Ref' };
  }
  const getAtt = v['Fn::GetAtt'];
  if (getAtt !== undefined) {
    const [id, ...attr] = Array.isArray(getAtt) ? (getAtt as string[]) : String(getAtt).split('.');
    const resource = model.find(stack.stackName, String(id));
    return resource && { resource, attribute: attr.join('.') };
  }
  const output = v['Fn::GetStackOutput'] as { StackName?: string; OutputName?: string } | undefined;
  if (output?.OutputName) {
    const other = model.environment.stacks.find(
      (s) => s.stackName === output.StackName || s.constructPath.replace(/\//g, '-') === output.StackName,
    );
    const out = other?.template.Outputs?.[output.OutputName] as { Value?: unknown } | undefined;
    return other && out ? attributeOf(model, other, out.Value) : undefined;
  }
  const imported = v['Fn::ImportValue'];
  if (typeof imported === 'string') {
    for (const other of model.environment.stacks) {
      for (const out of Object.values(other.template.Outputs ?? {}) as {
        Value?: unknown;
        Export?: { Name?: unknown };
      }[]) {
        if (out.Export?.Name === imported) return attributeOf(model, other, out.Value);
      }
    }
  }
  return undefined;
}

/** A token that stands for an attribute the template does not fix (a cluster's resource id, a secret's ARN). */
export function attributeToken(ref: AttributeRef): string {
  return `{{${ref.resource.stackName}/${ref.resource.logicalId}.${ref.attribute}}}`;
}

/**
 * A value as text, with each attribute the template does not fix written as its token and an attribute a custom
 * resource answers with a property it was given (`render`), so that two values naming the same attribute compare
 * equal. Undefined when some part cannot be read.
 */
export function symbolicText(
  model: StageModel,
  stack: StackTemplate,
  value: unknown,
  render: (ref: AttributeRef) => string | undefined = attributeToken,
): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (!value || typeof value !== 'object') return undefined;
  const join = (value as Record<string, unknown>)['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts = (join[1] as unknown[]).map((p) => symbolicText(model, stack, p, render));
    return parts.every((p) => p !== undefined) ? parts.join(join[0]) : undefined;
  }
  const literal = model.text(stack, value);
  if (literal !== undefined) return literal;
  const ref = attributeOf(model, stack, value);
  return ref ? render(ref) : undefined;
}

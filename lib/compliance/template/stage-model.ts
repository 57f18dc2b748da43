import { declaredRolesOf, PLATFORM_ROLES, PlatformRole } from '../../core/platform-roles';
import type {
  LocatedResource,
  PlatformAssembly,
  ResourceRef,
  StackTemplate,
  TemplateResource,
} from './platform-assembly';
import { toRef } from './platform-assembly';
import { resolveReference, resolveResource } from './resolve-references';
import { asArray, flatten, PlatformEnvironment, platformEnvironments } from './template-values';

/** A resource of the model: where it stands, its type and properties, and the roles its construct declared. */
export interface ModelResource<P = Record<string, unknown>> extends LocatedResource {
  readonly props: P;
  readonly roles: readonly string[];
  readonly ref: ResourceRef;
}

/**
 * One platform environment (a stage: both regions' stacks) as checks and path proofs read it. References are resolved
 * by one resolver (`Ref`, `Fn::GetAtt`, `Fn::GetStackOutput`, `Fn::ImportValue`, pseudo-parameters), resources are
 * found by type or by the role their construct declared, and relation indexes are built once per model and kept
 * (`index()`), so each path kind reads the relations it needs without walking the templates again.
 */
export class StageModel {
  readonly resources: readonly ModelResource[];
  private readonly byType = new Map<string, ModelResource[]>();
  private readonly byRole = new Map<string, ModelResource[]>();
  private readonly indexes = new Map<string, unknown>();
  private readonly byLocation = new Map<string, ModelResource>();

  constructor(
    readonly assembly: PlatformAssembly,
    readonly environment: PlatformEnvironment,
  ) {
    this.resources = environment.stacks.flatMap((stack) =>
      Object.entries(stack.template.Resources ?? {}).map(([logicalId, resource]) =>
        toModelResource(stack, logicalId, resource),
      ),
    );
    for (const r of this.resources) {
      this.byLocation.set(`${r.stackName}/${r.logicalId}`, r);
      this.byType.set(r.type, [...(this.byType.get(r.type) ?? []), r]);
      for (const role of r.roles) this.byRole.set(role, [...(this.byRole.get(role) ?? []), r]);
    }
  }

  get name(): string {
    return this.environment.name;
  }

  /** Every resource of a CloudFormation type, typed by the caller's view of its properties. */
  ofType<P = Record<string, unknown>>(type: string): ModelResource<P>[] {
    return (this.byType.get(type) ?? []) as ModelResource<P>[];
  }

  /** Every resource that declared `role` (see core/platform-roles.ts). */
  withRole<P = Record<string, unknown>>(role: PlatformRole): ModelResource<P>[] {
    return (this.byRole.get(role) ?? []) as ModelResource<P>[];
  }

  /**
   * The one resource that declared `role`. Throws, naming the role and what was found, when there is none or more
   * than one; a check that throws fails (runChecks), so a proof never quietly moves onto another resource.
   */
  theOne<P = Record<string, unknown>>(role: PlatformRole): ModelResource<P> {
    const found = this.withRole<P>(role);
    if (found.length !== 1) {
      throw new Error(
        `role '${role}' (${PLATFORM_ROLES[role].description}) is declared ${found.length} times in environment ${this.name}${found.length ? ': ' + found.map((r) => `${r.stackName}/${r.logicalId}`).join(', ') : ''}; exactly one resource must declare it (declarePlatformRole)`,
      );
    }
    return found[0];
  }

  /** The resource a value (`Ref`, `GetAtt`, a cross-stack output or import) points at, from `from`'s template. */
  resolve<P = Record<string, unknown>>(
    from: LocatedResource | StackTemplate,
    value: unknown,
  ): ModelResource<P> | undefined {
    const stack = 'stack' in from ? from.stack : from;
    const target = resolveResource(this.assembly, stack, value);
    return target ? (this.find(target.stackName, target.logicalId) as ModelResource<P> | undefined) : undefined;
  }

  /**
   * What a value reads: the resource and, for an `Fn::GetAtt`, the attribute (a cluster's `MasterUserSecret.SecretArn`
   * is not its `Endpoint.Address`), followed through cross-stack outputs and imports like `resolve`.
   */
  reference<P = Record<string, unknown>>(
    from: LocatedResource | StackTemplate,
    value: unknown,
  ): { resource: ModelResource<P>; attribute?: string } | undefined {
    const stack = 'stack' in from ? from.stack : from;
    const target = resolveReference(this.assembly, stack, value);
    const resource = target && this.find(target.resource.stackName, target.resource.logicalId);
    return resource ? { resource: resource as ModelResource<P>, attribute: target.attribute } : undefined;
  }

  /** True when `value` (any template value of `from`: a Join, a list, a document) refers to `target` anywhere in it. */
  mentions(from: LocatedResource, value: unknown, target: LocatedResource): boolean {
    return this.mentioned(from, value).some(
      (r) => r.stackName === target.stackName && r.logicalId === target.logicalId,
    );
  }

  /** Every resource `value` (a Join, a list, a document) refers to anywhere in it, in the order written. */
  mentioned(from: LocatedResource, value: unknown): ModelResource[] {
    if (!value || typeof value !== 'object') return [];
    const resolved = isReference(value) ? this.resolve(from, value) : undefined;
    return resolved ? [resolved] : Object.values(value).flatMap((x) => this.mentioned(from, x));
  }

  /** Every resource a list of references (or one) points at; unresolvable entries are left out. */
  resolveAll<P = Record<string, unknown>>(from: LocatedResource | StackTemplate, values: unknown): ModelResource<P>[] {
    return asArray(values)
      .map((v) => this.resolve<P>(from, v))
      .filter((r): r is ModelResource<P> => r !== undefined);
  }

  /** A value as text where the template alone fixes it (literals, joins, pseudo-parameters); otherwise undefined. */
  text(from: LocatedResource | StackTemplate, value: unknown): string | undefined {
    const stack = 'stack' in from ? from.stack : from;
    return flatten(value, stack);
  }

  /**
   * A deep copy of a template value with every intrinsic the template alone fixes (`Fn::Join`, pseudo-parameters)
   * replaced by its text; what cannot be worked out stays as written (and so matches no literal).
   */
  literal(from: LocatedResource | StackTemplate, value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.literal(from, v));
    if (!value || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return this.text(from, value) ?? value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.literal(from, v)]));
  }

  find(stackName: string, logicalId: string): ModelResource | undefined {
    return this.byLocation.get(`${stackName}/${logicalId}`);
  }

  /**
   * A relation index of this model, built by `build` the first time it is asked for under `key` and kept: path
   * kinds share one model per environment, so each index is built once per synth.
   */
  index<T>(key: string, build: (model: StageModel) => T): T {
    if (!this.indexes.has(key)) this.indexes.set(key, build(this));
    return this.indexes.get(key) as T;
  }

  /** Resources of `type` (any type when omitted) whose properties refer to `target` by Ref or GetAtt. */
  referencing<P = Record<string, unknown>>(target: ModelResource, type?: string): ModelResource<P>[] {
    const candidates = type ? this.ofType<P>(type) : (this.resources as ModelResource<P>[]);
    return candidates.filter((r) => refersToResource(this, r, r.resource.Properties, target));
  }
}

function toModelResource(stack: StackTemplate, logicalId: string, resource: TemplateResource): ModelResource {
  const located: LocatedResource = {
    stack,
    stackName: stack.stackName,
    region: stack.region,
    logicalId,
    type: resource.Type,
    resource,
  };
  return { ...located, props: resource.Properties ?? {}, roles: declaredRolesOf(resource), ref: toRef(located) };
}

/** Stops at the first reference to `target` (referencing() runs it over every resource of a stage). */
function refersToResource(model: StageModel, from: LocatedResource, value: unknown, target: LocatedResource): boolean {
  if (!value || typeof value !== 'object') return false;
  const resolved = isReference(value) ? model.resolve(from, value) : undefined;
  if (resolved) return resolved.stackName === target.stackName && resolved.logicalId === target.logicalId;
  return Object.values(value).some((x) => refersToResource(model, from, x, target));
}

function isReference(value: object): boolean {
  return 'Ref' in value || 'Fn::GetAtt' in value || 'Fn::GetStackOutput' in value || 'Fn::ImportValue' in value;
}

const models = new WeakMap<PlatformAssembly, StageModel[]>();
const wholeModels = new WeakMap<PlatformAssembly, StageModel>();

/**
 * One model of every stack of the assembly, platform stage or not (a team's own stack beside the platform), for the
 * checks that judge every resource wherever it stands. Its environment is `*`, with no regions or opt-outs.
 */
export function assemblyModel(assembly: PlatformAssembly): StageModel {
  let model = wholeModels.get(assembly);
  if (!model) {
    model = new StageModel(assembly, { name: '*', stacks: assembly.stacks, optOuts: {} });
    wholeModels.set(assembly, model);
  }
  return model;
}

/** One model per platform environment of the assembly, built once per assembly and shared by every reader. */
export function stageModels(assembly: PlatformAssembly): StageModel[] {
  let built = models.get(assembly);
  if (!built) {
    built = platformEnvironments(assembly).map((env) => new StageModel(assembly, env));
    models.set(assembly, built);
  }
  return built;
}

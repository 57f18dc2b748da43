import type { PlatformAssembly, StackTemplate } from '../template/platform-assembly';
import { partitionOf } from '../template/template-values';
import { physicalValue } from './physical-ids';

/** Marks a value no template can tell: it matches no ARN, so a policy built on it grants nothing. */
export const UNRESOLVED = 'UNRESOLVED:';

/**
 * Resolves every token of a template value (a policy document, an ARN) to the concrete strings of the deployed
 * environment: pseudo parameters, `Ref` and `Fn::GetAtt` (physical names, or stable stand-ins), `Fn::Join`,
 * `Fn::Sub`, `Fn::Select`, `Fn::Split`, and `Fn::GetStackOutput` / `Fn::ImportValue` across stacks and regions.
 * `{ Ref: AWS::NoValue }` disappears. What cannot be resolved becomes an `UNRESOLVED:` string.
 */
export class TokenResolver {
  constructor(private readonly assembly: PlatformAssembly) {}

  /** A value with every token resolved (objects and arrays deeply). */
  resolve(value: unknown, stack: StackTemplate): unknown {
    if (Array.isArray(value)) {
      return value.map((v) => this.resolve(v, stack)).filter((v) => v !== undefined);
    }
    if (!value || typeof value !== 'object') return value;
    const v = value as Record<string, unknown>;
    const keys = Object.keys(v);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')))
      return this.intrinsic(keys[0], v[keys[0]], stack);
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const r = this.resolve(v[k], stack);
      if (r !== undefined) out[k] = r;
    }
    return out;
  }

  /** A value resolved to one string (`UNRESOLVED:` when it is not one). */
  string(value: unknown, stack: StackTemplate): string {
    const r = this.resolve(value, stack);
    return typeof r === 'string' ? r : typeof r === 'number' ? String(r) : `${UNRESOLVED}${JSON.stringify(value)}`;
  }

  private intrinsic(fn: string, arg: unknown, stack: StackTemplate): unknown {
    const unresolved = `${UNRESOLVED}${JSON.stringify({ [fn]: arg })}`;
    switch (fn) {
      case 'Ref':
        if (arg === 'AWS::NoValue') return undefined;
        return typeof arg === 'string' ? (this.ref(arg, undefined, stack) ?? unresolved) : unresolved;
      case 'Fn::GetAtt': {
        const [id, ...attr] = Array.isArray(arg) ? (arg as string[]) : String(arg).split('.');
        return this.ref(id, attr.join('.'), stack) ?? unresolved;
      }
      case 'Fn::Join': {
        const [sep, parts] = arg as [string, unknown];
        const list = this.resolve(parts, stack);
        return Array.isArray(list) ? list.map((p) => this.asText(p)).join(sep) : unresolved;
      }
      case 'Fn::Sub': {
        const [text, vars] = Array.isArray(arg) ? (arg as [string, Record<string, unknown>]) : [arg as string, {}];
        return text.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
          if (name in vars) return this.asText(this.resolve(vars[name], stack));
          const [id, ...attr] = name.split('.');
          const value = this.ref(id, attr.length ? attr.join('.') : undefined, stack);
          return value === undefined ? `${UNRESOLVED}${name}` : this.asText(value);
        });
      }
      case 'Fn::Select': {
        const [index, list] = arg as [unknown, unknown];
        const items = this.resolve(list, stack);
        return Array.isArray(items) ? (items[Number(this.resolve(index, stack))] ?? unresolved) : unresolved;
      }
      case 'Fn::Split': {
        const [sep, text] = arg as [string, unknown];
        const s = this.resolve(text, stack);
        return typeof s === 'string' ? s.split(sep) : unresolved;
      }
      case 'Fn::GetStackOutput':
        return this.stackOutput(arg as { StackName?: string; Region?: string; OutputName?: string }) ?? unresolved;
      case 'Fn::ImportValue':
        return this.importValue(this.resolve(arg, stack)) ?? unresolved;
      default:
        return unresolved;
    }
  }

  private asText(v: unknown): string {
    return typeof v === 'string' || typeof v === 'number' ? String(v) : `${UNRESOLVED}${JSON.stringify(v)}`;
  }

  private ref(id: string, attribute: string | undefined, stack: StackTemplate): unknown {
    if (id.startsWith('AWS::') && attribute === undefined) {
      const pseudo: Record<string, string | undefined> = {
        'AWS::Partition': partitionOf(stack.region),
        'AWS::Region': stack.region,
        'AWS::AccountId': stack.account,
        'AWS::URLSuffix': 'amazonaws.com',
        'AWS::StackName': stack.stackName,
      };
      return pseudo[id];
    }
    const resource = stack.template.Resources?.[id];
    if (!resource) return undefined;
    return physicalValue(stack, id, resource, attribute, (property) => {
      const v = resource.Properties?.[property];
      if (v === undefined) return undefined;
      const r = this.resolve(v, stack);
      return typeof r === 'string' && !r.startsWith(UNRESOLVED) ? r : undefined;
    });
  }

  private stackOutput(ref: { StackName?: string; Region?: string; OutputName?: string }): unknown {
    const other = this.assembly.stacks.find(
      (s) =>
        (s.stackName === ref.StackName || s.constructPath.replace(/\//g, '-') === ref.StackName) &&
        (!ref.Region || !s.region || s.region === ref.Region),
    );
    const output = ref.OutputName
      ? (other?.template.Outputs?.[ref.OutputName] as { Value?: unknown } | undefined)
      : undefined;
    return other && output ? this.resolve(output.Value, other) : undefined;
  }

  private importValue(name: unknown): unknown {
    for (const other of this.assembly.stacks) {
      for (const output of Object.values(other.template.Outputs ?? {}) as {
        Value?: unknown;
        Export?: { Name?: unknown };
      }[]) {
        if (output.Export && this.resolve(output.Export.Name, other) === name) return this.resolve(output.Value, other);
      }
    }
    return undefined;
  }
}

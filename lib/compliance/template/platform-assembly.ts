import * as fs from 'fs';
import * as path from 'path';

/** A CloudFormation resource as it stands in a synthesized template. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly DependsOn?: string | string[];
  readonly Metadata?: Record<string, unknown>;
  readonly Condition?: string;
}

export interface CfnTemplate {
  readonly Resources?: Record<string, TemplateResource>;
  readonly Metadata?: Record<string, unknown>;
  readonly Outputs?: Record<string, unknown>;
}

/** One synthesized stack: where it deploys and what it declares. */
export interface StackTemplate {
  /** CloudFormation stack name, for example `prod-Data`. */
  readonly stackName: string;
  /** Construct path of the stack, for example `prod/Data`. */
  readonly constructPath: string;
  readonly account?: string;
  readonly region?: string;
  readonly templatePath: string;
  readonly template: CfnTemplate;
  /** Construct path of each resource by logical id, from the stack's metadata file, when it was read. */
  readonly constructPaths?: Readonly<Record<string, string>>;
}

/** Where one resource lives: enough for an auditor to find it in a template. */
export interface ResourceRef {
  readonly stackName: string;
  readonly region?: string;
  readonly logicalId: string;
  readonly type: string;
}

export interface LocatedResource extends ResourceRef {
  readonly stack: StackTemplate;
  readonly resource: TemplateResource;
}

/** Every template of a cloud assembly, across stages and regions; what app-wide checks read. */
export class PlatformAssembly {
  /** Reads `manifest.json` of a cloud assembly directory and of every nested (stage) assembly. */
  static fromDirectory(outdir: string): PlatformAssembly {
    return new PlatformAssembly(readStacks(outdir));
  }

  /** From the stack list CDK hands a validation plugin. */
  static fromStackTemplates(
    stacks: readonly { stackConstructPath: string; templatePath: string; accountId?: string; region?: string }[],
  ): PlatformAssembly {
    return new PlatformAssembly(
      stacks.map((s) => {
        const template = JSON.parse(fs.readFileSync(s.templatePath, 'utf8')) as CfnTemplate;
        return {
          stackName: path.basename(s.templatePath).replace(/\.template\.json$/, ''),
          constructPath: s.stackConstructPath,
          account: s.accountId,
          region: s.region,
          templatePath: s.templatePath,
          template,
        };
      }),
    );
  }

  constructor(readonly stacks: readonly StackTemplate[]) {}

  /** Every resource of the given CloudFormation type(s), in every stack. */
  resourcesOfType(...types: string[]): LocatedResource[] {
    return this.allResources().filter((r) => types.includes(r.type));
  }

  allResources(): LocatedResource[] {
    return this.stacks.flatMap((stack) =>
      Object.entries(stack.template.Resources ?? {}).map(([logicalId, resource]) => ({
        stack,
        stackName: stack.stackName,
        region: stack.region,
        logicalId,
        type: resource.Type,
        resource,
      })),
    );
  }

  /** The construct path CDK recorded for a resource (`aws:cdk:path`), which acknowledgments are matched against. */
  constructPathOf(ref: ResourceRef): string | undefined {
    const stack = this.stacks.find((s) => s.stackName === ref.stackName);
    const recorded = stack?.template.Resources?.[ref.logicalId]?.Metadata?.['aws:cdk:path'];
    return typeof recorded === 'string' ? recorded : stack?.constructPaths?.[ref.logicalId];
  }

  /** The resource a `{ Ref }` or `{ Fn::GetAtt }` in `stack` points at, if it is in the same template. */
  resolveLocal(stack: StackTemplate, value: unknown): LocatedResource | undefined {
    const logicalId = referencedLogicalId(value);
    const resource = logicalId ? stack.template.Resources?.[logicalId] : undefined;
    return logicalId && resource
      ? { stack, stackName: stack.stackName, region: stack.region, logicalId, type: resource.Type, resource }
      : undefined;
  }
}

/** The logical id a Ref or GetAtt names, or undefined for anything else. */
export function referencedLogicalId(value: unknown): string | undefined {
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.Ref === 'string') return v.Ref;
    const getAtt = v['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
    if (typeof getAtt === 'string') return getAtt.split('.')[0];
  }
  return undefined;
}

export function toRef(r: LocatedResource): ResourceRef {
  return { stackName: r.stackName, region: r.region, logicalId: r.logicalId, type: r.type };
}

interface ManifestArtifact {
  readonly type: string;
  readonly environment?: string;
  readonly displayName?: string;
  readonly properties?: { templateFile?: string; directoryName?: string; stackName?: string };
  readonly additionalMetadataFile?: string;
}

function readStacks(dir: string): StackTemplate[] {
  const manifestPath = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestPath)) {
    throw new Error(`No cloud assembly at ${dir} (manifest.json missing). Run 'npx cdk synth' first.`);
  }
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as {
    artifacts?: Record<string, ManifestArtifact>;
  };
  return Object.entries(manifest.artifacts ?? {}).flatMap(([id, artifact]): StackTemplate[] => {
    if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      return readStacks(path.join(dir, artifact.properties.directoryName));
    }
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) return [];
    const templatePath = path.join(dir, artifact.properties.templateFile);
    const [, account, region] = /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment ?? '') ?? [];
    return [
      {
        stackName: artifact.properties.stackName ?? id,
        constructPath: artifact.displayName ?? id,
        account: account && !account.startsWith('unknown') ? account : undefined,
        region: region && !region.startsWith('unknown') ? region : undefined,
        templatePath,
        template: JSON.parse(fs.readFileSync(templatePath, 'utf8')) as CfnTemplate,
        constructPaths: artifact.additionalMetadataFile
          ? readConstructPaths(path.join(dir, artifact.additionalMetadataFile))
          : undefined,
      },
    ];
  });
}

/** Logical id -> construct path, from the `aws:cdk:logicalId` entries of a stack's metadata file. */
function readConstructPaths(file: string): Record<string, string> {
  if (!fs.existsSync(file)) return {};
  const metadata = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { type: string; data?: unknown }[]>;
  const paths: Record<string, string> = {};
  for (const [constructPath, entries] of Object.entries(metadata)) {
    for (const e of entries) {
      if (e.type === 'aws:cdk:logicalId' && typeof e.data === 'string')
        paths[e.data] = constructPath.replace(/^\//, '');
    }
  }
  return paths;
}

import * as path from 'path';
import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** Where a construct was created in the app's source, from the creation stack CDK recorded (when it did). */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** An acknowledgment as CDK records it: the id, where it was made, and why. */
export interface RecordedAcknowledgment {
  readonly id: string;
  readonly at: string;
  readonly reason: string;
}

const CREATION_STACK = 'aws:cdk:creationStack';

/** Reads the construct tree of an app: resources by template and logical id, their sources, acknowledgments. */
export class ConstructLocator {
  private readonly byPath = new Map<string, IConstruct>();
  private readonly byLogicalId = new Map<string, IConstruct>();
  private readonly acks: RecordedAcknowledgment[] = [];

  constructor(root: IConstruct) {
    for (const c of root.node.findAll()) {
      this.byPath.set(c.node.path, c);
      if (CfnResource.isCfnResource(c)) {
        const stack = Stack.of(c);
        this.byLogicalId.set(`${stack.templateFile}|${stack.resolve(c.logicalId) as string}`, c);
      }
      for (const entry of c.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>))
          this.acks.push({ id, at: c.node.path, reason });
      }
    }
  }

  /** The construct path of a resource of a template, as CDK infers it for its report. */
  constructPathOf(templatePath: string, logicalId: string): string | undefined {
    return this.byLogicalId.get(`${path.basename(templatePath)}|${logicalId}`)?.node.path;
  }

  /** The CloudFormation type of the resource at a construct path. */
  resourceTypeAt(constructPath: string): string | undefined {
    const c = this.byPath.get(constructPath);
    return c && CfnResource.isCfnResource(c) ? c.cfnResourceType : undefined;
  }

  /** The first frame of the app's own code (not a dependency, not Node) that created the construct. */
  sourceOf(constructPath: string): SourceLocation | undefined {
    const trace = this.byPath.get(constructPath)?.node.metadata.find((m) => m.type === CREATION_STACK)?.data as
      string[] | undefined;
    for (const frame of trace ?? []) {
      const m = /\(?([^()\s]+):(\d+):(\d+)\)?$/.exec(frame);
      if (!m || m[1].includes('node_modules') || m[1].startsWith('node:')) continue;
      return { file: m[1], line: Number(m[2]), column: Number(m[3]) };
    }
    return undefined;
  }

  /** The acknowledgment of `id` that covers `constructPath` (made on it or on an ancestor, or on the app). */
  acknowledgmentOf(id: string, constructPath: string | undefined): RecordedAcknowledgment | undefined {
    const candidates = this.acks.filter((a) => a.id === id);
    let p = constructPath ?? '';
    for (;;) {
      const found = candidates.find((a) => a.at === p);
      if (found || p === '') return found;
      p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '';
    }
  }
}

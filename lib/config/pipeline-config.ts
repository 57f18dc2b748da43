import * as fs from 'fs';
import { z } from 'zod';
import { ConfigViolation, PlatformConfigError } from '../core/errors';
import { AWS_REGION_ZONES } from './aws-regions';
import { closestName } from './closest-name';

/*
 * The delivery pipeline's config (bin/pipeline.ts, docs/delivery.md): where the source comes from, where the
 * pipeline lives, and the waves of environments it deploys in order. Each stage names a platform config file (JSON,
 * merged over the reference config like `-c configFile=`) or, for a quick trial, an environment name of the
 * reference config.
 */

export const pipelineWaveSchema = z.strictObject({
  /** The wave's name, shown as the pipeline stage, for example `staging`. Letters, digits, `-` and `_`. */
  name: z.string(),
  /**
   * Wait for a person's approval (a ManualApprovalStep) before the wave deploys.
   * @default false
   */
  approval: z.boolean().optional(),
  /** The environments the wave deploys side by side: a platform config file (`*.json`) or an environment name. */
  stages: z.array(z.string()),
});

export const pipelineConfigSchema = z.strictObject({
  /** ARN of the CodeConnections (CodeStar) connection to the repository host, in the pipeline account. */
  connectionArn: z.string(),
  /** `owner/name` of the repository. */
  repository: z.string(),
  /** The branch every run builds. */
  branch: z.string(),
  /** The account the pipeline itself runs in (a tooling account; the target accounts trust it). */
  pipelineAccount: z.string(),
  /** The region the pipeline runs in. */
  pipelineRegion: z.string(),
  /** The waves, deployed one after the other. At least one. */
  waves: z.array(pipelineWaveSchema),
});

export type PipelineWaveConfig = z.infer<typeof pipelineWaveSchema>;
export type PipelineConfig = z.infer<typeof pipelineConfigSchema>;

/** A pipeline config that is wrong: every problem with its setting, value and fix. */
export class PipelineConfigError extends PlatformConfigError {
  override readonly code: string = 'PipelineConfig.invalid';

  constructor(
    readonly source: string | undefined,
    violations: readonly ConfigViolation[],
  ) {
    super('', violations);
    const n = violations.length;
    this.message = this.message.replace(
      /^Invalid platform config for environment '' /,
      `Invalid pipeline config${source ? ` ${source}` : ''} `,
    );
    this.message = this.message.replace(/\(\d+ problems?\)/, `(${n} problem${n === 1 ? '' : 's'})`);
    this.name = 'PipelineConfigError';
  }
}

const CONNECTION_ARN =
  /^arn:aws[a-z-]*:(codeconnections|codestar-connections):([a-z0-9-]+):(\d{12}):connection\/[0-9a-f-]{36}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** The rules beyond the schema's types, one per setting, each with its fix. */
function ruleViolations(config: PipelineConfig): ConfigViolation[] {
  const out: ConfigViolation[] = [];
  const add = (setting: string, value: unknown, problem: string, fix: string): void => {
    out.push({ setting, value, problem, fix });
  };
  const arn = CONNECTION_ARN.exec(config.connectionArn);
  if (!arn) {
    add(
      'connectionArn',
      config.connectionArn,
      'is not the ARN of a CodeConnections connection',
      'give the ARN the console shows for the connection: arn:aws:codeconnections:REGION:ACCOUNT:connection/ID (create it under Developer Tools > Settings > Connections and complete its handshake)',
    );
  } else if (arn[3] !== config.pipelineAccount) {
    add(
      'connectionArn',
      config.connectionArn,
      `belongs to account ${arn[3]}, not to the pipeline account ${config.pipelineAccount}`,
      'create the connection in the pipeline account, or set pipelineAccount to the account that holds it',
    );
  }
  if (!/^[\w.-]+\/[\w.-]+$/.test(config.repository)) {
    add(
      'repository',
      config.repository,
      'is not owner/name',
      'write the repository as owner/name, for example acme/platform',
    );
  }
  if (config.branch.trim() === '' || /\s/.test(config.branch)) {
    add('branch', config.branch, 'is not a branch name', 'name the branch every run builds, for example main');
  }
  if (!/^\d{12}$/.test(config.pipelineAccount)) {
    add(
      'pipelineAccount',
      config.pipelineAccount,
      'is not a 12-digit account id',
      'write the account id in quotes, all 12 digits',
    );
  }
  if (!(config.pipelineRegion in AWS_REGION_ZONES)) {
    const closest = closestName(config.pipelineRegion, Object.keys(AWS_REGION_ZONES));
    add(
      'pipelineRegion',
      config.pipelineRegion,
      'is not a region this library knows',
      closest ? `did you mean '${closest}'?` : 'give a region name such as eu-west-1',
    );
  }
  if (config.waves.length === 0) {
    add(
      'waves',
      config.waves,
      'is empty',
      'list at least one wave: [{ "name": "staging", "stages": ["config/staging.json"] }]',
    );
  }
  const waveNames = new Set<string>();
  const stages = new Map<string, string>();
  config.waves.forEach((wave, i) => {
    const at = `waves[${i}]`;
    if (!NAME.test(wave.name)) {
      add(
        `${at}.name`,
        wave.name,
        'is not a pipeline stage name',
        'use letters, digits, - and _ only, for example production',
      );
    } else if (waveNames.has(wave.name)) {
      add(`${at}.name`, wave.name, 'names a second wave the same', 'give every wave its own name');
    }
    waveNames.add(wave.name);
    if (wave.stages.length === 0) {
      add(
        `${at}.stages`,
        wave.stages,
        'is empty',
        'list the platform config files (or environment names) the wave deploys',
      );
    }
    wave.stages.forEach((stage, j) => {
      const earlier = stages.get(stage);
      if (earlier) {
        add(
          `${at}.stages[${j}]`,
          stage,
          `is deployed already by ${earlier}`,
          'deploy each environment in one wave only',
        );
      }
      stages.set(stage, `${at}.stages`);
    });
  });
  return out;
}

/** The schema's findings as violations: setting, value, problem and fix. */
function schemaViolations(input: unknown): ConfigViolation[] {
  const result = pipelineConfigSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.flatMap((issue): ConfigViolation[] => {
    const where = issue.path.map(String);
    const setting = where.join('.').replace(/\.(\d+)(?=\.|$)/g, '[$1]') || '(the pipeline config)';
    if (issue.code === 'unrecognized_keys') {
      const known = Object.keys(where.length === 0 ? pipelineConfigSchema.shape : pipelineWaveSchema.shape);
      return issue.keys.map((key) => {
        const closest = closestName(key, known);
        return {
          setting: setting === '(the pipeline config)' ? key : `${setting}.${key}`,
          value: valueAt(input, [...where, key]),
          problem: `is not a setting of ${where.length ? setting : 'the pipeline config'}`,
          fix: closest ? `rename it to '${closest}', or remove it` : `remove it; the settings are ${known.join(', ')}`,
        };
      });
    }
    const value = valueAt(input, where);
    if (issue.code === 'invalid_type') {
      return [
        value === undefined
          ? { setting, value, problem: 'is missing', fix: `set it (${issue.expected}); it has no default` }
          : {
              setting,
              value,
              problem: `is ${Array.isArray(value) ? 'an array' : typeof value}, not ${issue.expected}`,
              fix: `give ${issue.expected === 'array' ? 'a JSON list in [ ]' : `a ${issue.expected}`}`,
            },
      ];
    }
    return [{ setting, value, problem: issue.message, fix: 'correct the value' }];
  });
}

function valueAt(input: unknown, where: readonly string[]): unknown {
  let at = input;
  for (const key of where) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/**
 * Checks a pipeline config and returns it typed, or throws one PipelineConfigError listing every problem (types
 * first; the rules judge only a config of the right shape).
 * @param source the file it came from, named in the error
 */
export function parsePipelineConfig(input: unknown, source?: string): PipelineConfig {
  const typeProblems = schemaViolations(input);
  if (typeProblems.length) throw new PipelineConfigError(source, typeProblems);
  const config = input as PipelineConfig;
  const problems = ruleViolations(config);
  if (problems.length) throw new PipelineConfigError(source, problems);
  return config;
}

/** Reads and checks a JSON pipeline config file; every error names the file. */
export function loadPipelineConfigFile(file: string): PipelineConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new PipelineConfigError(file, [
      {
        setting: 'pipelineConfig',
        value: file,
        problem: `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
        fix: 'give the path of the pipeline config JSON file: -c pipelineConfig=delivery/pipeline.json',
      },
    ]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new PipelineConfigError(file, [
      {
        setting: 'pipelineConfig',
        value: file,
        problem: `is not valid JSON (${e instanceof Error ? e.message : String(e)})`,
        fix: 'correct the JSON',
      },
    ]);
  }
  return parsePipelineConfig(parsed, file);
}

/** Whether a stage entry names a platform config file (rather than an environment of the reference config). */
export function namesConfigFile(stage: string): boolean {
  return stage.endsWith('.json') || stage.includes('/');
}

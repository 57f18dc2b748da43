import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigViolation } from '../../lib/core/errors';
import { loadPipelineConfigFile, parsePipelineConfig, PipelineConfigError } from '../../lib/config/pipeline-config';
import { PIPELINE_CONFIG } from './pipeline-fixture';

function violationsOf(input: unknown): readonly ConfigViolation[] {
  try {
    parsePipelineConfig(input, 'pipeline.json');
  } catch (e) {
    if (e instanceof PipelineConfigError) return e.violations;
    throw e;
  }
  return [];
}

describe('pipeline config', () => {
  test('a config with two waves in two accounts passes, and so does the committed example', () => {
    expect(violationsOf(PIPELINE_CONFIG)).toEqual([]);
    const example = loadPipelineConfigFile(path.join(__dirname, '../../delivery/pipeline.example.json'));
    expect(example.waves.map((w) => [w.name, w.approval ?? false, w.stages])).toEqual([
      ['staging', false, ['staging']],
      ['production', true, ['prod']],
    ]);
  });

  test('fails on a misspelt setting, naming the one it resembles', () => {
    const { branch, ...rest } = PIPELINE_CONFIG;
    expect(violationsOf({ ...rest, brnch: branch })).toEqual([
      { setting: 'branch', value: undefined, problem: 'is missing', fix: 'set it (string); it has no default' },
      {
        setting: 'brnch',
        value: 'main',
        problem: 'is not a setting of the pipeline config',
        fix: "rename it to 'branch', or remove it",
      },
    ]);
  });

  test('fails on a connection of another account, a bad region, a repeated environment, naming each fix', () => {
    const violations = violationsOf({
      ...PIPELINE_CONFIG,
      connectionArn: PIPELINE_CONFIG.connectionArn.replace('123456789012', '999999999999'),
      pipelineRegion: 'eu-wset-1',
      waves: [
        { name: 'staging', stages: ['staging.json'] },
        { name: 'staging', stages: ['staging.json'] },
      ],
    });
    expect(violations.map((v) => [v.setting, v.problem])).toEqual([
      ['connectionArn', 'belongs to account 999999999999, not to the pipeline account 123456789012'],
      ['pipelineRegion', 'is not a region this library knows'],
      ['waves[1].name', 'names a second wave the same'],
      ['waves[1].stages[0]', 'is deployed already by waves[0].stages'],
    ]);
    expect(violations[1].fix).toBe("did you mean 'eu-west-1'?");
  });

  test('the error message names the file, each setting, its value and fix', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pipeline-config-')), 'pipeline.json');
    fs.writeFileSync(file, JSON.stringify({ ...PIPELINE_CONFIG, waves: [] }));
    expect(() => loadPipelineConfigFile(file)).toThrow(
      `Invalid pipeline config ${file} (1 problem):\n  - waves = []: is empty. Fix: list at least one wave`,
    );
  });
});

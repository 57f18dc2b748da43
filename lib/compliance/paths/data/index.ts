import { DATA_PATH_REQUIREMENTS, DataPathRequirement } from '../../../core/requirements/paths/data';
import type { PathKind } from '../path-record';
import { evaluateDataPath } from './evaluate-data-path';

export { HOP_MUTATIONS } from './hop-mutations';
export type { DataHopKind } from './hop-mutations';
export { judgeDailySchedule } from './schedule-expression';

/**
 * Data paths: where a new object or recovery point ends up and for how long: S3 replication (status, filter,
 * priority, delete markers, time control, replica encryption), lifecycle and Object Lock, AWS Backup (selection,
 * schedule, windows, retention against core's minima, vault locks, copies to the other region) and the dump schedule.
 */
export const DATA_PATHS: PathKind<DataPathRequirement> = {
  kind: 'data',
  title: 'Data',
  requirements: DATA_PATH_REQUIREMENTS,
  evaluate: evaluateDataPath,
};

import { gpgDumpScheduled as check } from '../../../../lib/compliance/checks/rest-3/rest3-gpg-dump-scheduled-daily';
import { Change, classified, edited, modelOf, onPlatform, outcomes, ref } from '../../../support/check-fixtures';

const PUBLIC_KEY = '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBGZ...\n-----END PGP PUBLIC KEY BLOCK-----';
const environment = (name: string, value: unknown) => ({ Name: name, Value: value });
const recovery = onPlatform({
  Resources: {
    Dumps: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'prod-dumps', Tags: classified('database-dump') } },
    Task: {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: {
        ContainerDefinitions: [
          {
            Name: 'dump',
            Environment: [
              environment('GPG_RECIPIENT_KEY', PUBLIC_KEY),
              environment('PGSSLMODE', 'verify-full'),
              environment('DUMP_TARGET', { 'Fn::Join': ['', ['s3://', ref('Dumps'), '/daily/']] }),
            ],
          },
        ],
      },
    },
    Schedule: {
      Type: 'AWS::Scheduler::Schedule',
      Properties: {
        ScheduleExpression: 'cron(0 2 * * ? *)',
        Target: { EcsParameters: { TaskDefinitionArn: ref('Task') } },
      },
    },
  },
});
const judged = (change: Change) => outcomes(check, modelOf({ 'prod-Recovery': edited(recovery, change) }));
const setEnvironment =
  (name: string, value: unknown): Change =>
  (r) =>
    (r.Task.Properties.ContainerDefinitions[0].Environment = r.Task.Properties.ContainerDefinitions[0].Environment.map(
      (e: { Name: string }) => (e.Name === name ? environment(name, value) : e),
    ));

describe('REST3-GpgDumpScheduledDaily', () => {
  test('Compliance', () => {
    expect(outcomes(check, modelOf({ 'prod-Recovery': recovery }))).toEqual([
      'pass Schedule: prod: schedule Schedule runs Task daily: GPG public key, TLS required, dump bucket target',
    ]);
  });

  test('Noncompliance 1: no platform metadata', () => {
    expect(outcomes(check, modelOf({ 'prod-Recovery': { Resources: recovery.Resources } }))).toEqual([
      'fail -: no platform stack (PocketCity::Platform metadata) in the assembly',
    ]);
  });

  test('Noncompliance 2: no daily schedule of a task (none, hourly, or of no task of the stack)', () => {
    const none = 'fail -: prod: no daily schedule of a GPG dump task';
    expect(judged((r) => delete r.Schedule)).toEqual([none]);
    expect(judged((r) => (r.Schedule.Properties.ScheduleExpression = 'cron(0 * * * ? *)'))).toEqual([none]);
    expect(judged((r) => (r.Schedule.Properties.Target.EcsParameters.TaskDefinitionArn = 'arn:aws:ecs:task'))).toEqual([
      none,
    ]);
  });

  test.each<[number, string, Change]>([
    [
      3,
      'its definition contains a PRIVATE key block',
      (r) => (r.Task.Properties.ContainerDefinitions[0].Command = ['-----BEGIN PGP PRIVATE KEY BLOCK-----']),
    ],
    [4, 'no armored GPG public key in GPG_RECIPIENT_KEY', setEnvironment('GPG_RECIPIENT_KEY', 'ABCD1234')],
    [5, "PGSSLMODE is 'prefer', not verify-full", setEnvironment('PGSSLMODE', 'prefer')],
    // `require` encrypts but would talk to any server that answers.
    [6, "PGSSLMODE is 'require', not verify-full", setEnvironment('PGSSLMODE', 'require')],
    [
      6,
      "DUMP_TARGET 's3://prod-uploads/daily/' is not a dump bucket",
      setEnvironment('DUMP_TARGET', 's3://prod-uploads/daily/'),
    ],
  ])('Noncompliance %i: %s', (_n, why, change) => {
    expect(judged(change)).toEqual([`fail -: prod: no daily schedule of a GPG dump task (Schedule -> Task: ${why})`]);
  });
});

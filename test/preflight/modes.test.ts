import {
  accessAnalyzerSighting,
  configSighting,
  guardDutySighting,
  modeFindings,
  securityHubSighting,
  suggestMode,
} from '../../lib/cli/preflight/modes';

/**
 * The mode each answer asks for, on the answers' shapes as the SDK returns them. These cover what moto 5.2.5 cannot
 * serve (service-modes.test.ts says which); the calls themselves are typed by the SDK.
 */
describe('GuardDuty', () => {
  test('a detector with an enabled administrator is organization, naming the administrator', () => {
    const s = guardDutySighting([
      { id: 'd1', administrator: { AccountId: '111122223333', RelationshipStatus: 'Enabled' } },
    ]);
    expect(s.mode).toBe('organization');
    expect(s.found).toBe('GuardDuty detector d1 exists, administered by account 111122223333');
  });

  test('an administrator only invited is not counted: existing, with a note', () => {
    const s = guardDutySighting([
      { id: 'd1', administrator: { AccountId: '111122223333', RelationshipStatus: 'Invited' } },
    ]);
    expect(s.mode).toBe('existing');
    expect(s.notes).toEqual([
      expect.stringMatching(/administrator 111122223333 with relationship 'Invited', not enabled/),
    ]);
  });

  test('a detector without administrator is existing; none is create', () => {
    expect(guardDutySighting([{ id: 'd1' }]).mode).toBe('existing');
    expect(guardDutySighting([]).mode).toBe('create');
  });
});

describe('Security Hub', () => {
  const hub = 'arn:aws:securityhub:eu-west-1:123456789012:hub/default';

  test('a hub with an enabled administrator is organization, naming it', () => {
    const s = securityHubSighting(hub, { AccountId: '111122223333', MemberStatus: 'Enabled' });
    expect(s.mode).toBe('organization');
    expect(s.found).toMatch(/administered by account 111122223333$/);
  });

  test('a hub whose administrator resigned is existing, with a note; no hub is create', () => {
    const s = securityHubSighting(hub, { AccountId: '111122223333', MemberStatus: 'Resigned' });
    expect(s.mode).toBe('existing');
    expect(s.notes).toHaveLength(1);
    expect(securityHubSighting(hub, undefined).mode).toBe('existing');
    expect(securityHubSighting(undefined, undefined).mode).toBe('create');
  });
});

describe('AWS Config', () => {
  test("Control Tower's recorder is organization; another customer managed recorder is existing", () => {
    expect(configSighting([{ name: 'aws-controltower-BaselineConfigRecorder' }]).mode).toBe('organization');
    expect(configSighting([{ name: 'default' }]).mode).toBe('existing');
  });

  test('a service-linked recorder alone is not counted: create, with a note saying why', () => {
    const s = configSighting([
      {
        name: 'AWSConfigurationRecorderForSecurityHub',
        servicePrincipal: 'securityhub.amazonaws.com',
        recordingScope: 'INTERNAL',
      },
    ]);
    expect(s.mode).toBe('create');
    expect(s.found).toBeUndefined();
    expect(s.notes).toEqual([expect.stringMatching(/^service-linked recorder .* not counted/)]);
  });

  test('a service-linked recorder beside the account one: existing, per the account one', () => {
    const s = configSighting([{ name: 'default' }, { name: 'linked', servicePrincipal: 'securityhub.amazonaws.com' }]);
    expect(s.mode).toBe('existing');
    expect(s.found).toBe('AWS Config recorder default exists, run by this account');
  });
});

describe('IAM Access Analyzer', () => {
  test('an organization analyzer visible here is organization (this account runs it)', () => {
    const s = accessAnalyzerSighting([
      { name: 'org', type: 'ORGANIZATION' },
      { name: 'acct', type: 'ACCOUNT' },
    ]);
    expect(s.mode).toBe('organization');
    expect(s.notes).toEqual(['account Access Analyzer acct exists beside it']);
  });

  test('an account analyzer is existing; unused-access analyzers and none are create', () => {
    expect(accessAnalyzerSighting([{ name: 'acct', type: 'ACCOUNT' }]).mode).toBe('existing');
    expect(accessAnalyzerSighting([{ name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS' }]).mode).toBe('create');
    expect(accessAnalyzerSighting([]).mode).toBe('create');
  });
});

describe('the suggestion for both regions', () => {
  test('the strongest mode seen wins; with no region answered, the configured mode stays', () => {
    expect(suggestMode([{ mode: 'create' }, { mode: 'existing' }], 'create')).toBe('existing');
    expect(suggestMode([{ mode: 'existing' }, { mode: 'organization' }], 'create')).toBe('organization');
    expect(suggestMode([], 'existing')).toBe('existing');
  });
});

describe('configured modes that contradict the account', () => {
  const seen = (mode: 'create' | 'existing' | 'organization') => [
    { region: 'eu-west-1', sighting: { mode, found: mode === 'create' ? undefined : `it runs (${mode})` } },
  ];

  test('create beside a running singleton blocks (the deploy collides)', () => {
    expect(modeFindings('guardDuty', 'create', seen('organization'))).toEqual([
      {
        region: 'eu-west-1',
        kind: 'mode',
        subject: 'threatDetection.guardDuty',
        blocking: true,
        detail:
          "is 'create' but it runs (organization): declaring a second one fails the deploy. Set threatDetection.guardDuty to 'organization'",
      },
    ]);
  });

  test('existing or organization where nothing runs blocks (the service would be off)', () => {
    expect(modeFindings('config', 'organization', seen('create'))).toEqual([
      expect.objectContaining({ kind: 'mode', blocking: true, detail: expect.stringMatching(/to 'create'/) }),
    ]);
  });

  test('naming the wrong runner is reported with the fix, not blocking', () => {
    const [finding] = modeFindings('securityHub', 'existing', seen('organization'));
    expect(finding).toEqual({
      region: 'eu-west-1',
      kind: 'mode',
      subject: 'threatDetection.securityHub',
      detail:
        "is 'existing' but it runs (organization): the evidence would misname who runs it. Set threatDetection.securityHub to 'organization'",
    });
  });

  test('Access Analyzer organization with no analyzer visible is a note: a member account cannot see it', () => {
    expect(modeFindings('accessAnalyzer', 'organization', seen('create'))).toEqual([
      expect.objectContaining({ kind: 'note', detail: expect.stringMatching(/cannot see an organization analyzer/) }),
    ]);
    expect(modeFindings('accessAnalyzer', 'existing', seen('create'))).toEqual([
      expect.objectContaining({ kind: 'mode', blocking: true }),
    ]);
  });

  test('a matching mode says nothing', () => {
    expect(modeFindings('guardDuty', 'existing', seen('existing'))).toEqual([]);
  });
});

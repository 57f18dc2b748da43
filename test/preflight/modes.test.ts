import {
  accessAnalyzerSighting,
  configSighting,
  guardDutySighting,
  modeFindings,
  securityHubSighting,
  suggestMode,
  suggestModes,
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

describe('the suggestion, per region', () => {
  test('the strongest mode seen wins; with no region answered, the configured mode stays', () => {
    expect(suggestMode([{ mode: 'create' }, { mode: 'existing' }], 'create')).toBe('existing');
    expect(suggestMode([{ mode: 'existing' }, { mode: 'organization' }], 'create')).toBe('organization');
    expect(suggestMode([], 'existing')).toBe('existing');
  });

  test('one mode when both regions ask for the same, else { primary, recovery }', () => {
    const at = (role: 'primary' | 'recovery', mode: 'create' | 'existing') => ({
      region: role === 'primary' ? 'eu-west-1' : 'eu-central-1',
      role,
      sighting: { mode },
    });
    const create = { primary: 'create', recovery: 'create' } as const;
    expect(suggestModes([at('primary', 'existing'), at('recovery', 'existing')], create)).toBe('existing');
    // An account that runs GuardDuty in its home region only: one mode for both would block in one of them.
    expect(suggestModes([at('primary', 'existing'), at('recovery', 'create')], create)).toEqual({
      primary: 'existing',
      recovery: 'create',
    });
    // A region that did not answer keeps its configured mode.
    expect(suggestModes([at('primary', 'existing')], { primary: 'create', recovery: 'existing' })).toBe('existing');
  });
});

describe('configured modes that contradict the account', () => {
  type Mode = 'create' | 'existing' | 'organization';
  /** The same sighting in both regions. */
  const seen = (mode: Mode, recovery: Mode = mode) =>
    (
      [
        ['eu-west-1', 'primary', mode],
        ['eu-central-1', 'recovery', recovery],
      ] as const
    ).map(([region, role, m]) => ({
      region,
      role,
      sighting: { mode: m, found: m === 'create' ? undefined : `it runs (${m})` },
    }));

  test('create beside a running singleton blocks (the deploy collides)', () => {
    expect(modeFindings('guardDuty', 'create', seen('organization'))).toEqual(
      ['eu-west-1', 'eu-central-1'].map((region) => ({
        region,
        kind: 'mode',
        subject: 'threatDetection.guardDuty',
        blocking: true,
        detail:
          "is 'create' but it runs (organization): declaring a second one fails the deploy. Set threatDetection.guardDuty to 'organization'",
      })),
    );
  });

  test('existing or organization where nothing runs blocks (the service would be off)', () => {
    expect(modeFindings('config', 'organization', seen('create'))).toEqual([
      expect.objectContaining({ kind: 'mode', blocking: true, detail: expect.stringMatching(/to 'create'/) }),
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
    expect(modeFindings('accessAnalyzer', 'organization', seen('create')).map((f) => f.kind)).toEqual(['note', 'note']);
    expect(modeFindings('accessAnalyzer', 'organization', seen('create'))[0].detail).toMatch(
      /cannot see an organization analyzer/,
    );
    expect(modeFindings('accessAnalyzer', 'existing', seen('create'))).toEqual([
      expect.objectContaining({ kind: 'mode', blocking: true }),
      expect.objectContaining({ kind: 'mode', blocking: true }),
    ]);
  });

  test('a matching mode says nothing, per region', () => {
    expect(modeFindings('guardDuty', 'existing', seen('existing'))).toEqual([]);
    expect(modeFindings('guardDuty', { primary: 'existing', recovery: 'create' }, seen('existing', 'create'))).toEqual(
      [],
    );
  });

  test('one mode for an account that runs GuardDuty in its home region only blocks in the other, suggesting the per-region value', () => {
    // GIVEN 'existing' for both regions, and a detector in the primary region only
    const findings = modeFindings('guardDuty', 'existing', seen('existing', 'create'));
    // THEN the recovery region blocks (the service would be off there), with the whole value to set
    expect(findings).toEqual([
      {
        region: 'eu-central-1',
        kind: 'mode',
        subject: 'threatDetection.guardDuty',
        blocking: true,
        detail:
          "is 'existing' but nothing runs it here: the platform would declare none and the service would be off. Set threatDetection.guardDuty to { primary: 'existing', recovery: 'create' } (or enable it in the account first)",
      },
    ]);
  });

  test('a per-region mode is judged per region, and its findings name the region it is for', () => {
    // GIVEN { primary: 'create', recovery: 'existing' } and an account that runs GuardDuty in both regions
    const findings = modeFindings('guardDuty', { primary: 'create', recovery: 'existing' }, seen('existing'));
    // THEN the primary region collides; the recovery region is as configured
    expect(findings).toEqual([
      expect.objectContaining({
        region: 'eu-west-1',
        blocking: true,
        detail:
          "is 'create' in the primary region but it runs (existing): declaring a second one fails the deploy. Set threatDetection.guardDuty to 'existing'",
      }),
    ]);
  });
});

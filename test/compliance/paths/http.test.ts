import { DEFAULT_SSL_POLICY } from '../../../lib/edge';
import { HTTP_PATHS } from '../../../lib/compliance/paths/http';
import { conditionsMatch } from '../../../lib/compliance/paths/http/listener-conditions';
import {
  applyMutations,
  describePath,
  evaluatePaths,
  pathCheckId,
  pathChecks,
  PathRecord,
  TemplateMutation,
} from '../../../lib/compliance/paths';
import type { PlatformAssembly } from '../../../lib/compliance/template/platform-assembly';
import {
  ELB_SECURITY_POLICY_PROTOCOLS,
  protocolsOfSecurityPolicy,
} from '../../../lib/core/requirements/elb-security-policies';
import { HTTP_PATH_REQUIREMENTS } from '../../../lib/core/requirements/paths/http';
import { isTls12MinimumPolicy, SECURITY_TXT_PATH } from '../../../lib/core/requirements';
import { referencePathById, referencePathRecords } from '../../support/path-records';
import { optedOutAssembly, referenceAssembly } from '../../support/reference-assembly';

const reference = referenceAssembly();
const records = (assembly: PlatformAssembly): PathRecord[] => referencePathRecords(assembly, HTTP_PATHS);
const byId = (assembly: PlatformAssembly, id: string): PathRecord => referencePathById(assembly, HTTP_PATHS, id);
const holds = (assembly: PlatformAssembly, id: string): boolean => byId(assembly, id).holds;
/** The resource a hop of a reference path was decided at: tests find what to break through the paths, not by id. */
const decidedAt = (id: string, hop: string): { stackName: string; logicalId: string } => {
  const resource = byId(reference, id).hops.find((h) => h.hop === hop)?.resource;
  if (!resource) throw new Error(`no ${hop} hop with a resource on ${id}`);
  return resource;
};
const mutate = (id: string, hop: string, path: (string | number)[], value?: unknown): PlatformAssembly =>
  applyMutations(reference, [
    {
      description: 'test',
      ...decidedAt(id, hop),
      path: ['Properties', ...path],
      ...(value === undefined ? { remove: true } : { value }),
    },
  ]);

const FORWARD = 'transit-1-https-root-forwards-to-service';
const SECURITY_TXT = 'response-1-security-txt-answered-by-load-balancer@TLSv1.2';
const WAF = 'monitor-2-waf-inspects-every-https-request';
const HTTP_REDIRECTS = 'transit-1-http-only-redirects';
const HTTP_SERVED = 'transit-1-http-never-served';

describe('HTTP paths on the reference platform', () => {
  test('every requirement is evaluated and holds, on the reference and the opted-out platform', () => {
    for (const assembly of [reference, optedOutAssembly()]) {
      const all = evaluatePaths(assembly, HTTP_PATHS);
      expect(new Set(all.map((p) => p.requirementId))).toEqual(new Set(HTTP_PATH_REQUIREMENTS.map((r) => r.id)));
      expect(all.filter((p) => !p.holds).map(describePath)).toEqual([]);
    }
  });

  test('every passing hop of a required path and every blocking hop of a forbidden one carries a mutation', () => {
    const bare = records(reference).flatMap((p) =>
      p.hops
        .filter((h) => h.verdict === (p.expectation === 'required' ? 'pass' : 'block'))
        .filter((h) => !h.mutations?.length)
        .map((h) => `${p.id} / ${h.hop}`),
    );
    expect(bare).toEqual([]);
  });
});

describe('generated mutations: each turns its hop off by the property AWS reads', () => {
  type Case = [label: string, path: PathRecord, mutations: readonly TemplateMutation[]];
  // Required: each mutation of each passing hop alone breaks the path. Forbidden: each mutation of a blocking hop,
  // with the first of every other blocking hop, opens it.
  const cases: Case[] = records(reference).flatMap((path): Case[] => {
    const deciding = path.hops.filter((h) => h.verdict === (path.expectation === 'required' ? 'pass' : 'block'));
    return deciding.flatMap((hop) =>
      (hop.mutations ?? []).map((m): Case => {
        const others =
          path.expectation === 'forbidden'
            ? deciding.filter((h) => h !== hop).flatMap((h) => h.mutations?.slice(0, 1) ?? [])
            : [];
        return [`${path.id} / ${hop.hop}: ${m.description}`, path, [m, ...others]];
      }),
    );
  });

  test('each hop kind generates the mutations listed here (a judge that ignores a property drops its mutation)', () => {
    const generated: Record<string, string[]> = {};
    for (const hop of records(reference).flatMap((p) => p.hops)) {
      const list = (generated[hop.hop] ??= []);
      for (const m of hop.mutations ?? []) if (!list.includes(m.description)) list.push(m.description);
    }
    for (const list of Object.values(generated)) list.sort();
    expect(generated).toEqual({
      'load-balancer-scheme': ['Scheme: internal'],
      listener: ['Port moved', 'Protocol: HTTP', 'Protocol: HTTPS'],
      'tls-policy': [
        'SslPolicy removed (CloudFormation then applies ELBSecurityPolicy-2016-08)',
        'SslPolicy: ELBSecurityPolicy-2016-08',
        'SslPolicy: ELBSecurityPolicy-TLS13-1-3-2021-06',
      ],
      'web-acl-decision': ['DefaultAction: Block', 'a rule blocking every path put first'],
      'listener-rule-skipped': ['Conditions: path-pattern /* (the rule now takes every path)'],
      'listener-rule-match': [
        'Conditions: a path no request has',
        'Priority 101: behind the next rule that matches (priority 100), which then takes the request',
      ],
      'listener-action': [
        'Actions replaced by a fixed 404',
        'Actions replaced by a forward to another target group',
        'FixedResponseConfig.ContentType: text/html',
        'FixedResponseConfig.MessageBody: Not found',
        'FixedResponseConfig.StatusCode: 404',
        'TargetGroupArn: another target group',
      ],
      'hsts-header': ['HSTS max-age=300', 'routing.http.response.strict_transport_security.header_value removed'],
      'listener-actions': [
        'DefaultActions replaced by a fixed 404',
        'DefaultActions replaced by a forward to another target group',
        'RedirectConfig.Port: 8443',
        'RedirectConfig.Protocol: HTTP',
      ],
      'web-acl-association': [
        'ResourceArn: another load balancer',
        'WebACLArn: a web ACL that is not the platform web ACL',
      ],
      'waf-managed-rule-group': [
        'ManagedRuleGroupStatement.Name: AWSManagedRulesAnonymousIpList',
        'OverrideAction: Count',
      ],
      'web-acl-rules-before-group': ['a rule allowing every path put first'],
      'waf-rule-action-overrides': [
        'RuleActionOverrides: AWSManagedIPReputationList to Count',
        'RuleActionOverrides: Log4JRCE_HEADER to Count',
        'RuleActionOverrides: SQLi_BODY to Count',
        'RuleActionOverrides: SizeRestrictions_BODY to Count',
      ],
      'waf-scope-down': ['ScopeDownStatement: only paths under /api/'],
    });
  });

  test('there are mutations for every path', () => {
    expect(new Set(cases.map(([, p]) => p.id))).toEqual(new Set(records(reference).map((p) => p.id)));
  });

  test.each(cases)(
    '%s: the path fails and its check names it',
    (_label, path, mutations: readonly TemplateMutation[]) => {
      const mutated = applyMutations(reference, mutations);
      expect(byId(mutated, path.id).holds).toBe(false);
      const check = pathChecks(HTTP_PATHS).find((c) => c.id === pathCheckId(path.claim, HTTP_PATHS, path.expectation))!;
      expect(
        check
          .run(mutated)
          .filter((r) => r.status === 'fail')
          .map((r) => r.finding),
      ).toContain(path.id);
    },
  );
});

describe('noncompliance the issue names', () => {
  test('fails when the HTTPS listener takes ELBSecurityPolicy-2016-08: TLS 1.0 and 1.1 accepted, TLS 1.3 refused', () => {
    // GIVEN the reference WHEN the listener's policy is the CloudFormation default
    const mutated = mutate(`${FORWARD}@TLSv1.2`, 'tls-policy', ['SslPolicy'], 'ELBSecurityPolicy-2016-08');
    // THEN
    expect(holds(mutated, 'transit-1-legacy-tls-refused@TLSv1')).toBe(false);
    expect(holds(mutated, 'transit-1-legacy-tls-refused@TLSv1.1')).toBe(false);
    expect(holds(mutated, `${FORWARD}@TLSv1.3`)).toBe(false);
    expect(holds(mutated, `${FORWARD}@TLSv1.2`)).toBe(true);
  });

  test('fails closed on a security policy missing from core table', () => {
    const mutated = mutate(`${FORWARD}@TLSv1.2`, 'tls-policy', ['SslPolicy'], 'ELBSecurityPolicy-Unknown-2099-01');
    expect(byId(mutated, `${FORWARD}@TLSv1.2`).hops.find((h) => h.hop === 'tls-policy')?.detail).toMatch(/cannot tell/);
    expect(holds(mutated, `${FORWARD}@TLSv1.2`)).toBe(false);
    // A policy that cannot be judged may accept TLS 1.0: the forbidden path is open.
    expect(holds(mutated, 'transit-1-legacy-tls-refused@TLSv1')).toBe(false);
  });

  test('fails when the security.txt rule moves behind the catch-all: the service answers it', () => {
    const mutated = mutate(SECURITY_TXT, 'listener-rule-match', ['Priority'], 150);
    const path = byId(mutated, SECURITY_TXT);
    expect(path.holds).toBe(false);
    expect(path.hops.find((h) => h.verdict === 'block')?.detail).toMatch(/forward.*not a fixed response/);
    expect(holds(mutated, `${FORWARD}@TLSv1.2`)).toBe(true);
  });

  test('fails when the security.txt rule path changes or its response is not 200 text/plain', () => {
    expect(
      holds(
        mutate(
          SECURITY_TXT,
          'listener-rule-match',
          ['Conditions', 0, 'PathPatternConfig', 'Values'],
          ['/security.txt'],
        ),
        SECURITY_TXT,
      ),
    ).toBe(false);
    expect(
      holds(
        mutate(SECURITY_TXT, 'listener-action', ['Actions', 0, 'FixedResponseConfig', 'StatusCode'], '302'),
        SECURITY_TXT,
      ),
    ).toBe(false);
  });

  test('fails when port 80 forwards instead of redirecting', () => {
    const mutated = mutate(
      HTTP_REDIRECTS,
      'listener',
      ['DefaultActions'],
      [{ Type: 'forward', TargetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/x/1' }],
    );
    expect(holds(mutated, HTTP_REDIRECTS)).toBe(false);
    expect(holds(mutated, HTTP_SERVED)).toBe(false);
  });

  test('fails when port 80 gains a rule that serves one path, though its default still redirects', () => {
    const listener = decidedAt(HTTP_REDIRECTS, 'listener');
    const service = decidedAt(`${FORWARD}@TLSv1.2`, 'listener-rule-match');
    const stack = reference.stacks.find((s) => s.stackName === listener.stackName)!;
    const rule = structuredClone(stack.template.Resources![service.logicalId]);
    (rule.Properties as Record<string, unknown>).ListenerArn = { Ref: listener.logicalId };
    (rule.Properties as Record<string, unknown>).Conditions = [
      { Field: 'path-pattern', PathPatternConfig: { Values: ['/health'] } },
    ];
    const template = { ...stack.template, Resources: { ...stack.template.Resources, PlainHealthRule: rule } };
    const mutated = new (reference.constructor as new (s: typeof reference.stacks) => PlatformAssembly)(
      reference.stacks.map((s) => (s === stack ? { ...s, template } : s)),
    );
    expect(holds(mutated, HTTP_REDIRECTS)).toBe(false);
    expect(holds(mutated, HTTP_SERVED)).toBe(false);
    expect(byId(mutated, HTTP_SERVED).hops.at(-1)?.detail).toMatch(/2 reachable action\(s\).*served.*redirect only/);
  });

  test('fails when HSTS is dropped from the HTTPS listener or lasts less than a year', () => {
    const hsts = 'transit-1-https-sends-hsts';
    expect(holds(mutate(hsts, 'hsts-header', ['ListenerAttributes'], []), hsts)).toBe(false);
    expect(holds(mutate(hsts, 'hsts-header', ['ListenerAttributes', 0, 'Value'], 'max-age=86400'), hsts)).toBe(false);
  });

  test('fails when a required managed rule group only counts, for that group alone', () => {
    const id = `${WAF}@AWSManagedRulesSQLiRuleSet`;
    const rules = byId(reference, id).hops.find((h) => h.hop === 'waf-managed-rule-group')!.property!;
    const index = Number(/Rules\[(\d+)\]/.exec(rules)![1]);
    const mutated = mutate(id, 'waf-managed-rule-group', ['Rules', index, 'OverrideAction'], { Count: {} });
    expect(holds(mutated, id)).toBe(false);
    expect(holds(mutated, `${WAF}@AWSManagedRulesCommonRuleSet`)).toBe(true);
  });

  test('fails when a rule of a required group is overridden to Count, or a scope-down limits the group', () => {
    const id = `${WAF}@AWSManagedRulesCommonRuleSet`;
    const index = Number(
      /Rules\[(\d+)\]/.exec(byId(reference, id).hops.find((h) => h.hop === 'waf-managed-rule-group')!.property!)![1],
    );
    const statement = ['Rules', index, 'Statement', 'ManagedRuleGroupStatement'];
    expect(
      holds(
        mutate(
          id,
          'waf-managed-rule-group',
          [...statement, 'RuleActionOverrides'],
          [{ Name: 'CrossSiteScripting_BODY', ActionToUse: { Count: {} } }],
        ),
        id,
      ),
    ).toBe(false);
    // A scope-down that matches every path leaves nothing out.
    const everyPath = {
      ByteMatchStatement: {
        FieldToMatch: { UriPath: {} },
        PositionalConstraint: 'STARTS_WITH',
        SearchString: '/',
        TextTransformations: [{ Priority: 0, Type: 'NONE' }],
      },
    };
    expect(holds(mutate(id, 'waf-managed-rule-group', [...statement, 'ScopeDownStatement'], everyPath), id)).toBe(true);
    expect(
      holds(
        mutate(id, 'waf-managed-rule-group', [...statement, 'ScopeDownStatement'], {
          NotStatement: { Statement: everyPath },
        }),
        id,
      ),
    ).toBe(false);
  });

  test('fails when the web ACL is no longer associated with the load balancer; the service is still reached', () => {
    const mutated = mutate(
      `${WAF}@AWSManagedRulesCommonRuleSet`,
      'web-acl-association',
      ['ResourceArn'],
      'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/other/1',
    );
    expect(records(mutated).filter((p) => p.requirementId === WAF && !p.holds)).toHaveLength(4);
    expect(holds(mutated, `${FORWARD}@TLSv1.2`)).toBe(true);
  });

  test('fails when the web ACL blocks by default: neither the service nor security.txt is reached', () => {
    const mutated = mutate(`${FORWARD}@TLSv1.2`, 'web-acl-decision', ['DefaultAction'], { Block: {} });
    expect(holds(mutated, `${FORWARD}@TLSv1.2`)).toBe(false);
    expect(holds(mutated, SECURITY_TXT)).toBe(false);
  });

  test('fails when sign-in stands before the service: anonymous requests are not forwarded', () => {
    const mutated = mutate(`${FORWARD}@TLSv1.2`, 'listener-action', ['Actions', 0, 'Order'], 2);
    const withAuth = applyMutations(mutated, [
      {
        description: 'authenticate first',
        ...decidedAt(`${FORWARD}@TLSv1.2`, 'listener-action'),
        path: ['Properties', 'Actions', 1],
        value: { Type: 'authenticate-oidc', Order: 1, AuthenticateOidcConfig: { Issuer: 'https://idp.example' } },
      },
    ]);
    expect(holds(mutated, `${FORWARD}@TLSv1.2`)).toBe(true);
    expect(holds(withAuth, `${FORWARD}@TLSv1.2`)).toBe(false);
  });

  test('fails closed when a rule before the service rule matches on a host the templates do not name', () => {
    const mutated = mutate(
      `${FORWARD}@TLSv1.2`,
      'listener-rule-skipped',
      ['Conditions'],
      [{ Field: 'host-header', HostHeaderConfig: { Values: ['admin.example.com'] } }],
    );
    const path = byId(mutated, `${FORWARD}@TLSv1.2`);
    expect(path.holds).toBe(false);
    expect(path.hops.find((h) => h.verdict === 'block')?.detail).toMatch(/cannot tell/);
  });
});

describe('ELB semantics the evaluator relies on', () => {
  const request = { method: 'GET', scheme: 'https', port: 443, everyRequest: false } as const;
  const path = (pattern: string, p: string) =>
    conditionsMatch([{ Field: 'path-pattern', PathPatternConfig: { Values: [pattern] } }], { ...request, path: p });

  test('path patterns: * any run, ? one character, case-sensitive, anchored', () => {
    expect(path('/*', '/')).toBe('yes');
    expect(path('/img/?.png', '/img/a.png')).toBe('yes');
    expect(path('/img/?.png', '/img/ab.png')).toBe('no');
    expect(path(SECURITY_TXT_PATH, '/.well-known/Security.txt')).toBe('no');
    expect(path('/api', '/api/x')).toBe('no');
  });

  test('every condition must match; the legacy Values form counts as well', () => {
    const conditions = [
      { Field: 'path-pattern', Values: ['/*'] },
      { Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['POST'] } },
    ];
    expect(conditionsMatch(conditions, { ...request, path: '/' })).toBe('no');
  });

  test('the TLS table agrees with core: a policy core accepts as TLS 1.2 minimum accepts neither 1.0 nor 1.1', () => {
    expect(protocolsOfSecurityPolicy(DEFAULT_SSL_POLICY)).toEqual(['TLSv1.2', 'TLSv1.3']);
    const weak = Object.entries(ELB_SECURITY_POLICY_PROTOCOLS)
      .filter(([name]) => isTls12MinimumPolicy(name))
      .filter(([, versions]) => versions.includes('TLSv1') || versions.includes('TLSv1.1'));
    expect(weak).toEqual([]);
  });
});

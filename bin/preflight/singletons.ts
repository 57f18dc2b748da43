/** The read-only calls that show, per region, which account singletons run and who runs them. */
import { AccessAnalyzerClient, AnalyzerSummary, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { ConfigServiceClient, DescribeConfigurationRecordersCommand } from '@aws-sdk/client-config-service';
import {
  GetAdministratorAccountCommand as GetGuardDutyAdministrator,
  GuardDutyClient,
  ListDetectorsCommand,
} from '@aws-sdk/client-guardduty';
import {
  DescribeHubCommand,
  GetAdministratorAccountCommand as GetSecurityHubAdministrator,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { ThreatDetectionService } from '../../lib/core/service-modes';
import { accessAnalyzerSighting, configSighting, guardDutySighting, securityHubSighting, Sighting } from './modes';
import { absent, ClientOptions, errorName, open } from './sdk';

const withNotes = (s: Sighting, notes: string[]): Sighting => ({ ...s, notes: [...(s.notes ?? []), ...notes] });

/** A service's calls in one region; an error that says the service is off means nothing runs (the caller's part). */
type Probe = (region: string, client: ClientOptions) => Promise<Sighting>;

/**
 * Who administers a singleton that exists: nothing there reads as no administrator; a failed call (for example no
 * permission for it) leaves the singleton counted as the account's own, with a note saying it could not tell.
 */
async function administrator<T>(call: () => Promise<{ Administrator?: T }>): Promise<{ found?: T; note?: string }> {
  try {
    return { found: (await call()).Administrator };
  } catch (e) {
    if (absent(e)) return {};
    return {
      note: `could not ask for its administrator (${errorName(e)}), so 'existing' cannot be told from 'organization'`,
    };
  }
}

export const PROBES: Record<ThreatDetectionService, Probe> = {
  guardDuty: async (region, client) => {
    const guardDuty = open(new GuardDutyClient({ region, ...client }));
    const ids = (await guardDuty.send(new ListDetectorsCommand({}))).DetectorIds ?? [];
    const detectors = [];
    const notes = [];
    for (const id of ids) {
      const answer = await administrator(() => guardDuty.send(new GetGuardDutyAdministrator({ DetectorId: id })));
      detectors.push({ id, administrator: answer.found });
      if (answer.note) notes.push(`detector ${id}: ${answer.note}`);
    }
    return withNotes(guardDutySighting(detectors), notes);
  },
  securityHub: async (region, client) => {
    const hub = open(new SecurityHubClient({ region, ...client }));
    const arn = (await hub.send(new DescribeHubCommand({}))).HubArn;
    const answer = arn ? await administrator(() => hub.send(new GetSecurityHubAdministrator({}))) : {};
    return withNotes(securityHubSighting(arn, answer.found), answer.note ? [answer.note] : []);
  },
  accessAnalyzer: async (region, client) => {
    const analyzer = open(new AccessAnalyzerClient({ region, ...client }));
    const analyzers: AnalyzerSummary[] = [];
    let nextToken: string | undefined;
    do {
      const page = await analyzer.send(new ListAnalyzersCommand({ nextToken }));
      analyzers.push(...(page.analyzers ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return accessAnalyzerSighting(analyzers);
  },
  config: async (region, client) => {
    const config = open(new ConfigServiceClient({ region, ...client }));
    const answer = await config.send(new DescribeConfigurationRecordersCommand({}));
    return configSighting(answer.ConfigurationRecorders ?? []);
  },
};

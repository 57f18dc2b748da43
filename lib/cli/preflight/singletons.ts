/** The read-only calls that show, per region, which account singletons run and who runs them. */
import type { AnalyzerSummary } from '@aws-sdk/client-accessanalyzer';
import { ThreatDetectionService } from '../../core/service-modes';
import { accessAnalyzerSighting, configSighting, guardDutySighting, securityHubSighting, Sighting } from './modes';
import { absent, AwsSession, errorText } from './session';

/** What a probe saw, and what it could not ask (each a blocking finding of the caller). */
export interface Probed {
  readonly sighting: Sighting;
  readonly unchecked: readonly string[];
}

/** A service's calls in one region; an error that says the service is off means nothing runs (the caller's part). */
type Probe = (region: string, aws: AwsSession) => Promise<Probed>;

/**
 * Who administers a singleton that exists: nothing there reads as no administrator; a failed call (for example no
 * permission for it) is returned as what could not be checked, and the singleton counts as the account's own.
 */
async function administrator<T>(
  call: () => Promise<{ Administrator?: T }>,
): Promise<{ found?: T; unchecked?: string }> {
  try {
    return { found: (await call()).Administrator };
  } catch (e) {
    if (absent(e)) return {};
    return { unchecked: `its administrator (${errorText(e)}), so 'existing' cannot be told from 'organization'` };
  }
}

export const PROBES: Record<ThreatDetectionService, Probe> = {
  guardDuty: async (region, aws) => {
    const { GuardDutyClient, ListDetectorsCommand, GetAdministratorAccountCommand } = aws.sdk.guardDuty;
    const guardDuty = aws.open(new GuardDutyClient(aws.config(region)));
    const ids = (await guardDuty.send(new ListDetectorsCommand({}))).DetectorIds ?? [];
    const detectors = [];
    const unchecked = [];
    for (const id of ids) {
      const answer = await administrator(() => guardDuty.send(new GetAdministratorAccountCommand({ DetectorId: id })));
      detectors.push({ id, administrator: answer.found });
      if (answer.unchecked) unchecked.push(`detector ${id}: ${answer.unchecked}`);
    }
    return { sighting: guardDutySighting(detectors), unchecked };
  },
  securityHub: async (region, aws) => {
    const { SecurityHubClient, DescribeHubCommand, GetAdministratorAccountCommand } = aws.sdk.securityHub;
    const hub = aws.open(new SecurityHubClient(aws.config(region)));
    const arn = (await hub.send(new DescribeHubCommand({}))).HubArn;
    const answer = arn ? await administrator(() => hub.send(new GetAdministratorAccountCommand({}))) : {};
    return { sighting: securityHubSighting(arn, answer.found), unchecked: answer.unchecked ? [answer.unchecked] : [] };
  },
  accessAnalyzer: async (region, aws) => {
    const { AccessAnalyzerClient, ListAnalyzersCommand } = aws.sdk.accessAnalyzer;
    const analyzer = aws.open(new AccessAnalyzerClient(aws.config(region)));
    const analyzers: AnalyzerSummary[] = [];
    let nextToken: string | undefined;
    do {
      const page = await analyzer.send(new ListAnalyzersCommand({ nextToken }));
      analyzers.push(...(page.analyzers ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return { sighting: accessAnalyzerSighting(analyzers), unchecked: [] };
  },
  config: async (region, aws) => {
    const { ConfigServiceClient, DescribeConfigurationRecordersCommand } = aws.sdk.config;
    const config = aws.open(new ConfigServiceClient(aws.config(region)));
    const answer = await config.send(new DescribeConfigurationRecordersCommand({}));
    return { sighting: configSighting(answer.ConfigurationRecorders ?? []), unchecked: [] };
  },
};

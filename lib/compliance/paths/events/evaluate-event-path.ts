import type {
  AlarmPath,
  EventPathRequirement,
  EventRulePath,
  SchedulePath,
} from '../../../core/requirements/paths/events';
import type { StageModel } from '../../template/stage-model';
import { HopRecord, pathRecord, PathRecord } from '../path-record';
import { alarmChain } from './alarm-chain';
import { rulesByRegion } from './event-rules';
import { bestChain, Delivery, landingChains, ofRole, RuleChain, ruleChain } from './rule-chain';
import { boundSampleEvent } from './sample-event';

/** One requirement on one environment: one record per region the event is emitted in, or per alarm. */
export function evaluateEventPath(model: StageModel, requirement: EventPathRequirement): PathRecord[] {
  switch (requirement.via) {
    case 'event-rule':
      return evaluateEventRulePath(model, requirement);
    case 'schedule':
      return [evaluateSchedulePath(model, requirement)];
    case 'alarm':
      return evaluateAlarmPath(model, requirement);
  }
}

function evaluateEventRulePath(model: StageModel, requirement: EventRulePath): PathRecord[] {
  const destination = model.theOne(requirement.destination);
  const { primaryRegion, recoveryRegion } = model.environment;
  const regions = {
    primary: [primaryRegion],
    recovery: [recoveryRegion],
    'every-region': [primaryRegion, recoveryRegion],
  }[requirement.emittedIn];
  return regions.map((region) => {
    if (!region) throw new Error('the environment names no primary or recovery region');
    const event = boundSampleEvent(model, requirement.sample, region, requirement.bindings);
    const delivery: Delivery = { model, destination, event, scheduled: false, through: requirement.through };
    const chains = landingChains(delivery, region);
    const subject = `${String(event['detail-type'])} (${requirement.sample}) emitted in ${region}, to ${destination.logicalId}`;
    const hops =
      requirement.expectation === 'required'
        ? requiredHops(chains, region, delivery)
        : forbiddenHops(chains, region, delivery);
    return pathRecord(
      model,
      requirement,
      'event',
      subject,
      hops,
      requirement.emittedIn === 'every-region' ? region : undefined,
    );
  });
}

function requiredHops(chains: RuleChain[], region: string, delivery: Delivery): HopRecord[] {
  return bestChain(chains) ?? [noRule(region, delivery)];
}

/**
 * A forbidden event reaches the topic when any rule's chain passes. Otherwise the record lists the chains of every
 * rule listening to the event's source, each closed somewhere; a blocking hop keeps its mutations only when it is
 * its chain's one block, so each of them alone would open the path.
 */
function forbiddenHops(chains: RuleChain[], region: string, delivery: Delivery): HopRecord[] {
  const open = chains.find((c) => c.hops.every((h) => h.verdict === 'pass'));
  if (open) return open.hops;
  if (chains.length === 0) return [noRule(region, delivery)];
  return chains.flatMap(({ hops: chain }) => {
    const blocks = chain.filter((h) => h.verdict === 'block').length;
    return chain.map((h) => (h.verdict === 'block' && blocks === 1 ? h : { ...h, mutations: undefined }));
  });
}

function noRule(region: string, delivery: Delivery): HopRecord {
  return {
    hop: 'event-rule-pattern',
    verdict: 'block',
    detail: `no rule${ofRole(delivery)} on the default bus of ${region} matches`,
    property: 'EventPattern',
  };
}

function evaluateSchedulePath(model: StageModel, requirement: SchedulePath): PathRecord {
  const destination = model.theOne(requirement.destination);
  const rule = model.theOne(requirement.rule);
  const view = (rulesByRegion(model).get(rule.region ?? '') ?? []).find((v) => v.rule === rule);
  if (!view) throw new Error(`the rule of role ${requirement.rule} is not an EventBridge rule`);
  const event = boundSampleEvent(model, requirement.sample, rule.region ?? '', []);
  event.resources = [`arn:aws:events:${rule.region}:${model.environment.account}:rule/${rule.logicalId}`];
  const hops = ruleChain({ model, destination, event, scheduled: true }, view);
  return pathRecord(
    model,
    requirement,
    'event',
    `Scheduled Event of ${rule.logicalId}, to ${destination.logicalId}`,
    hops,
  );
}

function evaluateAlarmPath(model: StageModel, requirement: AlarmPath): PathRecord[] {
  const destination = model.theOne(requirement.destination);
  const alarms = model.withRole(requirement.alarms);
  if (alarms.length === 0) throw new Error(`no alarm declares role ${requirement.alarms}`);
  return alarms.map((alarm) =>
    pathRecord(
      model,
      requirement,
      'event',
      `alarm ${alarm.logicalId} (${String(alarm.props.MetricName)}) entering ALARM, to ${destination.logicalId}`,
      alarmChain(model, alarm, requirement.metric, destination),
      alarm.logicalId,
    ),
  );
}

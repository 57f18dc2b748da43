import { EVENT_PATH_REQUIREMENTS, EventPathRequirement } from '../../../core/requirements/paths/events';
import type { PathKind } from '../path-record';
import { evaluateEventPath } from './evaluate-event-path';

export { matchesPattern } from './event-pattern';
export { HOP_MUTATIONS } from './hop-mutations';
export { prepareTopicAuthorizations, topicAuthorization } from './topic-authorization';

/**
 * Event paths: every alert a claim promises, from the event AWS emits (a documented sample) or the alarm's metric,
 * through EventBridge rules or CloudWatch alarms, the alert topic's policy and key, to a subscribed person.
 */
export const EVENT_PATHS: PathKind<EventPathRequirement> = {
  kind: 'event',
  title: 'Event',
  requirements: EVENT_PATH_REQUIREMENTS,
  evaluate: evaluateEventPath,
};

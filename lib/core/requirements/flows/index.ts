import { BILLING_1_FLOWS } from './billing-1';
import { DATA_2_FLOWS } from './data-2';
import { DATA_3_FLOWS } from './data-3';
import { DATA_4_FLOWS } from './data-4';
import type { ClaimFlows, FlowRequirement } from './flow-requirement';
import { HA_1_FLOWS } from './ha-1';
import { MONITOR_1_FLOWS } from './monitor-1';
import { MONITOR_2_FLOWS } from './monitor-2';
import { MONITOR_3_FLOWS } from './monitor-3';
import { REST_1_FLOWS } from './rest-1';
import { REST_2_FLOWS } from './rest-2';
import { REST_3_FLOWS } from './rest-3';
import { TRANSIT_1_FLOWS } from './transit-1';
import { TRANSIT_2_FLOWS } from './transit-2';

export * from './flow-requirement';

/** Each claim's flows, one table per claim (flows/<claim>.ts). */
export const FLOWS_BY_CLAIM: readonly ClaimFlows[] = [
  REST_3_FLOWS,
  HA_1_FLOWS,
  MONITOR_1_FLOWS,
  BILLING_1_FLOWS,
  DATA_4_FLOWS,
  REST_1_FLOWS,
  DATA_2_FLOWS,
  DATA_3_FLOWS,
  TRANSIT_2_FLOWS,
  MONITOR_2_FLOWS,
  MONITOR_3_FLOWS,
  TRANSIT_1_FLOWS,
  REST_2_FLOWS,
];

/** Every request the platform's mechanisms make; each must be allowed. */
export const REQUIRED_FLOWS: readonly FlowRequirement[] = FLOWS_BY_CLAIM.flatMap((c) => c.required);

/** Requests that must be denied. */
export const FORBIDDEN_FLOWS: readonly FlowRequirement[] = FLOWS_BY_CLAIM.flatMap((c) => c.forbidden);

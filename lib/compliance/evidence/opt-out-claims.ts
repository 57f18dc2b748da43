import type { OptOutConfig } from '../../config/platform-config';
import type { ClaimId } from '../../core/claims/claim';

/** Which claim each explicit opt-out weakens, and how; the evidence prints it beside the claim. */
export const OPT_OUT_CLAIMS: Record<keyof OptOutConfig, { claim: ClaimId; effect: string }> = {
  allowFewerThanThreeTasks: {
    claim: 'HA-1',
    effect: 'fewer than three service tasks: losing a zone or two tasks may stop the service',
  },
  natGateways: {
    claim: 'HA-1',
    effect: 'fewer NAT gateways than zones: losing the zone of a NAT gateway cuts egress for the others',
  },
  delegateThreatDetectionToOrganization: {
    claim: 'MONITOR-2',
    effect:
      'GuardDuty, Security Hub and Access Analyzer are not declared here; MONITOR-2 relies on an organisation-level setup',
  },
};

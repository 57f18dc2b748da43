/**
 * AWS Foundational Security Best Practices controls that judge global resources (IAM users, roles, groups, policies,
 * the root user). The platform records global resource types in the primary region only (ConfigRecording), and
 * Security Hub's Config.1 (Critical) fails in a region where an enabled control needs a resource type the recorder
 * does not record: these controls are disabled in the recovery region, and keep running in the primary region, which
 * judges the same global resources. Source: Security Hub user guide, "Suggested controls to disable" (controls that
 * use global resources) and "Required AWS Config resources for control findings", read 2026-12-06.
 */
export const GLOBAL_RESOURCE_CONTROLS: readonly string[] = [
  'IAM.1',
  'IAM.2',
  'IAM.3',
  'IAM.4',
  'IAM.5',
  'IAM.6',
  'IAM.7',
  'IAM.8',
  'IAM.21',
  'KMS.1',
  'KMS.2',
];

/** The reason Security Hub records for each control disabled in the recovery region. */
export const GLOBAL_RESOURCE_CONTROLS_REASON =
  'Global (IAM) resources are recorded and judged in the platform primary region only; here the control would fail Config.1 and duplicate the primary region findings.';

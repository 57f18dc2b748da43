import { absent, AwsSession } from '../../preflight/session';
import { missingDetectorFeatures, readDetectors, readEnabledStandards } from '../../preflight/features-and-standards';
import { FSBP_STANDARD_RESOURCE } from '../../../core/requirements/threat-detection-features';
import { Reading } from '../fact';

/** The region's GuardDuty detectors (the preflight's reads): one must be enabled with every required feature. */
export async function readDetectorFeatures(aws: AwsSession, region: string): Promise<Reading> {
  const detectors = await readDetectors(aws, region);
  const base = { region, subject: 'GuardDuty detector' };
  if (detectors.length === 0) return { ...base, good: false, detail: 'no detector in the region' };
  const judged = detectors.map((d) => ({ id: d.id, missing: missingDetectorFeatures(d) }));
  const items = judged.map(
    (d) => `${d.id}: ${d.missing.length ? `lacks ${d.missing.join(', ')}` : 'every required feature enabled'}`,
  );
  const complete = judged.find((d) => d.missing.length === 0);
  return complete
    ? { ...base, good: true, items, detail: `detector ${complete.id} is enabled with every required feature` }
    : { ...base, good: false, items, detail: `no detector has every required feature: ${items.join('; ')}` };
}

/** The region's Security Hub standards (the preflight's read): AWS Foundational Security Best Practices READY. */
export async function readStandards(aws: AwsSession, region: string): Promise<Reading> {
  const base = { region, subject: 'Security Hub standards' };
  let subscriptions;
  try {
    subscriptions = await readEnabledStandards(aws, region);
  } catch (e) {
    // InvalidAccessException: the account has no hub in the region.
    if (absent(e)) return { ...base, good: false, detail: 'Security Hub is not enabled in the region' };
    throw e;
  }
  const items = subscriptions.map((s) => `${s.StandardsArn ?? '?'}: ${s.StandardsStatus ?? '?'}`);
  const fsbp = subscriptions.find((s) => (s.StandardsArn ?? '').endsWith(`::${FSBP_STANDARD_RESOURCE}`));
  if (fsbp?.StandardsStatus === 'READY')
    return { ...base, good: true, items, detail: 'AWS Foundational Security Best Practices is READY' };
  return {
    ...base,
    good: false,
    items,
    detail: fsbp
      ? `AWS Foundational Security Best Practices is ${fsbp.StandardsStatus ?? 'in an unknown state'}, not READY`
      : 'AWS Foundational Security Best Practices is not enabled',
  };
}

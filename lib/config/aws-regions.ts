/**
 * The commercial AWS regions and the names of their availability zones, compiled from AWS's published region and
 * zone lists; last reviewed 2025-07-01 (regions announced but not yet generally available then are left out).
 * Zone *names* map to different physical zones per account, but the set of names a region offers is the same for
 * every account (except where noted). A region launched after that date is accepted only with the explicit
 * `allowUnlistedRegion: true` of its RegionConfig; add it here when you confirm its zones.
 */
export const AWS_REGION_ZONES: Readonly<Record<string, readonly string[]>> = {
  'us-east-1': zones('us-east-1', 'abcdef'),
  'us-east-2': zones('us-east-2', 'abc'),
  // An account sees only two of these three names, so the platform's three zones do not fit in us-west-1.
  'us-west-1': zones('us-west-1', 'abc'),
  'us-west-2': zones('us-west-2', 'abcd'),
  'af-south-1': zones('af-south-1', 'abc'),
  'ap-east-1': zones('ap-east-1', 'abc'),
  'ap-south-1': zones('ap-south-1', 'abc'),
  'ap-south-2': zones('ap-south-2', 'abc'),
  'ap-southeast-1': zones('ap-southeast-1', 'abc'),
  'ap-southeast-2': zones('ap-southeast-2', 'abc'),
  'ap-southeast-3': zones('ap-southeast-3', 'abc'),
  'ap-southeast-4': zones('ap-southeast-4', 'abc'),
  'ap-southeast-5': zones('ap-southeast-5', 'abc'),
  'ap-southeast-7': zones('ap-southeast-7', 'abc'),
  // ap-northeast-1b exists only for accounts created before 2012 or so; new accounts get a, c and d.
  'ap-northeast-1': zones('ap-northeast-1', 'acd'),
  'ap-northeast-2': zones('ap-northeast-2', 'abcd'),
  'ap-northeast-3': zones('ap-northeast-3', 'abc'),
  // ca-central-1 has no zone c.
  'ca-central-1': zones('ca-central-1', 'abd'),
  'ca-west-1': zones('ca-west-1', 'abc'),
  'eu-central-1': zones('eu-central-1', 'abc'),
  'eu-central-2': zones('eu-central-2', 'abc'),
  'eu-west-1': zones('eu-west-1', 'abc'),
  'eu-west-2': zones('eu-west-2', 'abc'),
  'eu-west-3': zones('eu-west-3', 'abc'),
  'eu-south-1': zones('eu-south-1', 'abc'),
  'eu-south-2': zones('eu-south-2', 'abc'),
  'eu-north-1': zones('eu-north-1', 'abc'),
  'il-central-1': zones('il-central-1', 'abc'),
  'me-south-1': zones('me-south-1', 'abc'),
  'me-central-1': zones('me-central-1', 'abc'),
  'mx-central-1': zones('mx-central-1', 'abc'),
  'sa-east-1': zones('sa-east-1', 'abc'),
};

/** The zone names of a listed region, or undefined when the table does not list it. */
export function zonesOfRegion(region: string): readonly string[] | undefined {
  return Object.prototype.hasOwnProperty.call(AWS_REGION_ZONES, region) ? AWS_REGION_ZONES[region] : undefined;
}

function zones(region: string, letters: string): readonly string[] {
  return [...letters].map((letter) => `${region}${letter}`);
}

import { AwsSession } from '../../preflight/session';
import { Reading } from '../fact';

/**
 * The platform's trail, found by the platform tag among the trails whose home is the primary region
 * (`DescribeTrails`, `ListTags`: CloudFormation names it), and its status (`GetTrailStatus`): logging, no delivery
 * error, and the last delivery of log files gives the fact's time.
 */
export async function readTrailStatus(
  aws: AwsSession,
  region: string,
  tag: { readonly key: string; readonly value: string },
): Promise<Reading> {
  const { CloudTrailClient, DescribeTrailsCommand, ListTagsCommand, GetTrailStatusCommand } = aws.sdk.cloudTrail;
  const cloudTrail = aws.open(new CloudTrailClient(aws.config(region)));
  const trails = (
    (await cloudTrail.send(new DescribeTrailsCommand({ includeShadowTrails: false }))).trailList ?? []
  ).filter((t) => t.TrailARN && (t.HomeRegion ?? region) === region);
  let arn: string | undefined;
  if (trails.length) {
    const tagged = await cloudTrail.send(new ListTagsCommand({ ResourceIdList: trails.map((t) => t.TrailARN ?? '') }));
    arn = tagged.ResourceTagList?.find((r) =>
      r.TagsList?.some((t) => t.Key === tag.key && t.Value === tag.value),
    )?.ResourceId;
  }
  const subject = arn ?? `trail tagged ${tag.key}=${tag.value}`;
  if (!arn)
    return { region, subject, good: false, detail: `no trail of this region is tagged ${tag.key}=${tag.value}` };
  const status = await cloudTrail.send(new GetTrailStatusCommand({ Name: arn }));
  const delivered = status.LatestDeliveryTime;
  const error = status.LatestDeliveryError;
  const items = [
    `IsLogging ${String(status.IsLogging)}`,
    `LatestDeliveryTime ${delivered?.toISOString() ?? 'none'}`,
    ...(error ? [`LatestDeliveryError ${error}`] : []),
  ];
  if (!status.IsLogging) return { region, subject, good: false, items, detail: 'is not logging' };
  if (error) return { region, subject, good: false, items, asOf: delivered, detail: `delivery fails: ${error}` };
  return { region, subject, good: true, items, asOf: delivered, detail: 'is logging; last log file delivered' };
}

import type { LocatedResource, PlatformAssembly } from '../template/platform-assembly';
import { asArray, flatten, refersTo } from '../template/template-values';
import { bucketName } from './customer-data';
import { props } from './resource-readers';

/**
 * What a CloudTrail trail of the templates records, read from its basic or advanced event selectors. Conservative:
 * a selector with a filter this reader does not know (an event name, a `Not…` operator) is taken to record nothing,
 * so a check built on it fails rather than proves too much.
 */

/** Trails that record calls on a store of `store`'s account and region: logging, and multi-region or in its region. */
export function trailsWatching(model: PlatformAssembly, store: LocatedResource): LocatedResource[] {
  return model.resourcesOfType('AWS::CloudTrail::Trail').filter((trail) => {
    const p = props(trail);
    if (p.IsLogging !== true) return false;
    if (trail.stack.account !== store.stack.account) return false;
    return p.IsMultiRegionTrail === true || trail.region === store.region;
  });
}

/** Which object calls must be recorded: all of them, or the reads. */
export type ObjectEvents = 'All' | 'ReadOnly';

/**
 * True when `trail` records `events` on every object of `bucket`: a selector of every bucket, or of the whole bucket
 * by its literal name or by a reference in the same template.
 */
export function recordsObjectEvents(trail: LocatedResource, bucket: LocatedResource, events: ObjectEvents): boolean {
  const name = bucketName(bucket);
  const coversBucket = (value: unknown) => {
    if (trail.stack === bucket.stack && refersTo(value, bucket.logicalId)) return wholeBucket(value);
    const arn = flatten(value, trail.stack);
    if (arn === undefined) return false;
    return /^arn:[a-z-]+:s3(:::)?$/.test(arn) || (name !== undefined && new RegExp(`:::${escape(name)}/?$`).test(arn));
  };
  const basic = basicSelectors(trail).some(
    (s) =>
      readWriteCovers(s.ReadWriteType, events) &&
      asArray(s.DataResources).some((d) => d.Type === 'AWS::S3::Object' && asArray(d.Values).some(coversBucket)),
  );
  return (
    basic ||
    advancedSelectors(trail).some((s) => {
      const fields = dataSelectorFields(s, 'AWS::S3::Object', events);
      if (!fields) return false;
      const arns = fields.arn;
      return arns === 'every' || arns.some(coversBucket);
    })
  );
}

/** True when `trail` records every data event (reads and writes) of `store`, a store of `resourceType`. */
export function recordsDataEvents(trail: LocatedResource, store: LocatedResource, resourceType: string): boolean {
  const coversStore = (value: unknown) => trail.stack === store.stack && refersTo(value, store.logicalId);
  const basic = basicSelectors(trail).some(
    (s) =>
      readWriteCovers(s.ReadWriteType, 'All') &&
      asArray(s.DataResources).some(
        (d) =>
          d.Type === resourceType &&
          asArray(d.Values).some(
            (v) => coversStore(v) || /^arn:[a-z-]+:[a-z0-9]+$/.test(flatten(v, trail.stack) ?? ''),
          ),
      ),
  );
  return (
    basic ||
    advancedSelectors(trail).some((s) => {
      const fields = dataSelectorFields(s, resourceType, 'All');
      return fields !== undefined && (fields.arn === 'every' || fields.arn.some(coversStore));
    })
  );
}

/** True when `trail` records every management event, reads and writes, of every event source. */
export function recordsManagementEvents(trail: LocatedResource): boolean {
  const noSelectors = props(trail).EventSelectors === undefined && props(trail).AdvancedEventSelectors === undefined;
  if (noSelectors) return true; // A trail without selectors records every management event.
  return (
    basicSelectors(trail).some(
      (s) =>
        s.IncludeManagementEvents !== false &&
        readWriteCovers(s.ReadWriteType, 'All') &&
        asArray(s.ExcludeManagementEventSources).length === 0,
    ) ||
    advancedSelectors(trail).some((s) => {
      const fields = asArray<FieldSelector>(s.FieldSelectors);
      return (
        fields.length === 1 &&
        fields[0].Field === 'eventCategory' &&
        onlyEquals(fields[0]) &&
        asArray(fields[0].Equals).includes('Management')
      );
    })
  );
}

interface BasicSelector {
  readonly ReadWriteType?: string;
  readonly IncludeManagementEvents?: boolean;
  readonly ExcludeManagementEventSources?: unknown;
  readonly DataResources?: { readonly Type?: string; readonly Values?: unknown }[];
}

interface FieldSelector {
  readonly Field?: string;
  readonly Equals?: unknown;
  readonly StartsWith?: unknown;
  readonly [operator: string]: unknown;
}

interface AdvancedSelector {
  readonly FieldSelectors?: unknown;
}

const basicSelectors = (trail: LocatedResource) => asArray<BasicSelector>(props(trail).EventSelectors);
const advancedSelectors = (trail: LocatedResource) => asArray<AdvancedSelector>(props(trail).AdvancedEventSelectors);

function readWriteCovers(type: string | undefined, events: ObjectEvents): boolean {
  return type === undefined || type === 'All' || (events === 'ReadOnly' && type === 'ReadOnly');
}

function onlyEquals(f: FieldSelector, ...allowed: string[]): boolean {
  return Object.keys(f).every((k) => k === 'Field' || k === 'Equals' || allowed.includes(k));
}

/**
 * The resources an advanced selector records data events of, when it records `events` of `resourceType` and
 * filters on nothing else: `every` resource of the type, or the ARNs (or prefixes) it names. Undefined otherwise.
 */
function dataSelectorFields(
  selector: AdvancedSelector,
  resourceType: string,
  events: ObjectEvents,
): { arn: 'every' | unknown[] } | undefined {
  let category = false;
  let type = false;
  let arn: 'every' | unknown[] = 'every';
  for (const f of asArray<FieldSelector>(selector.FieldSelectors)) {
    if (f.Field === 'eventCategory' && onlyEquals(f)) category = asArray(f.Equals).includes('Data');
    else if (f.Field === 'resources.type' && onlyEquals(f)) type = asArray(f.Equals).includes(resourceType);
    else if (f.Field === 'readOnly' && onlyEquals(f)) {
      // A selector of reads only covers what must be read-recorded, never "All".
      if (!(events === 'ReadOnly' && asArray(f.Equals).includes('true'))) return undefined;
    } else if (f.Field === 'resources.ARN' && onlyEquals(f, 'StartsWith'))
      arn = [...asArray(f.Equals), ...asArray(f.StartsWith)];
    else return undefined;
  }
  return category && type ? { arn } : undefined;
}

/** A reference-built selector value covers the whole bucket only when nothing follows the bucket ARN but "/". */
function wholeBucket(value: unknown): boolean {
  const join = (value as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
  if (!join) return true;
  const parts = join[1];
  const last = parts[parts.length - 1];
  return typeof last !== 'string' || last === '/' || last === '';
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

import type {
  TrailAdvancedEventSelector,
  TrailEventSelector,
  TrailFieldSelector,
  TrailProps,
} from '../template/cfn/cloudtrail';
import type { BucketProps } from '../template/cfn/s3';
import type { ModelResource, StageModel } from '../template/stage-model';
import { asArray } from '../template/template-values';
import { OBJECT_DELETION_EVENTS } from '../../core/requirements/data-store-logging';

/**
 * What a CloudTrail trail of the model records, read from its basic or advanced event selectors. Conservative:
 * a selector with a filter this reader does not know (an event name other than the deletions, a `Not…` operator) is
 * taken to record nothing,
 * so a check built on it fails rather than proves too much.
 */

type Trail = ModelResource<TrailProps>;
/** Any resource of the model, whatever its properties' view. */
type Store = ModelResource<unknown>;

/** Trails that record calls on a store of `store`'s account and region: logging, and multi-region or in its region. */
export function trailsWatching(model: StageModel, store: Store): Trail[] {
  return model.ofType<TrailProps>('AWS::CloudTrail::Trail').filter((trail) => {
    if (trail.props.IsLogging !== true) return false;
    if (trail.stack.account !== store.stack.account) return false;
    return trail.props.IsMultiRegionTrail === true || trail.region === store.region;
  });
}

/** Which object calls must be recorded: all of them, the reads, or the deletions (OBJECT_DELETION_EVENTS). */
export type ObjectEvents = 'All' | 'ReadOnly' | 'Deletions';

/**
 * True when `trail` records `events` on every object of `bucket`: a selector of every bucket, or of the whole bucket
 * by its literal name or by a reference to it.
 */
export function recordsObjectEvents(
  model: StageModel,
  trail: Trail,
  bucket: ModelResource<BucketProps>,
  events: ObjectEvents,
): boolean {
  const name = model.text(bucket, bucket.props.BucketName);
  const coversBucket = (value: unknown) => {
    if (model.mentions(trail, value, bucket)) return wholeBucket(value);
    const arn = model.text(trail, value);
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
export function recordsDataEvents(model: StageModel, trail: Trail, store: Store, resourceType: string): boolean {
  const coversStore = (value: unknown) => model.mentions(trail, value, store);
  const basic = basicSelectors(trail).some(
    (s) =>
      readWriteCovers(s.ReadWriteType, 'All') &&
      asArray(s.DataResources).some(
        (d) =>
          d.Type === resourceType &&
          asArray(d.Values).some((v) => coversStore(v) || /^arn:[a-z-]+:[a-z0-9]+$/.test(model.text(trail, v) ?? '')),
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
export function recordsManagementEvents(trail: Trail): boolean {
  const noSelectors = trail.props.EventSelectors === undefined && trail.props.AdvancedEventSelectors === undefined;
  if (noSelectors) return true; // A trail without selectors records every management event.
  return (
    basicSelectors(trail).some(
      (s) =>
        s.IncludeManagementEvents !== false &&
        readWriteCovers(s.ReadWriteType, 'All') &&
        asArray(s.ExcludeManagementEventSources).length === 0,
    ) ||
    advancedSelectors(trail).some((s) => {
      const fields = asArray<TrailFieldSelector>(s.FieldSelectors);
      return (
        fields.length === 1 &&
        fields[0].Field === 'eventCategory' &&
        onlyEquals(fields[0]) &&
        asArray(fields[0].Equals).includes('Management')
      );
    })
  );
}

const basicSelectors = (trail: Trail) => asArray<TrailEventSelector>(trail.props.EventSelectors);
const advancedSelectors = (trail: Trail) => asArray<TrailAdvancedEventSelector>(trail.props.AdvancedEventSelectors);

function readWriteCovers(type: unknown, events: ObjectEvents): boolean {
  if (type === undefined || type === 'All') return true;
  return events === 'ReadOnly' ? type === 'ReadOnly' : events === 'Deletions' && type === 'WriteOnly';
}

/** True when the field selector uses no operator but `Equals` (and the `allowed` ones). */
function onlyEquals(f: TrailFieldSelector, ...allowed: string[]): boolean {
  return Object.keys(f).every((k) => k === 'Field' || k === 'Equals' || allowed.includes(k));
}

/**
 * The resources an advanced selector records data events of, when it records `events` of `resourceType` and
 * filters on nothing else: `every` resource of the type, or the ARNs (or prefixes) it names. Undefined otherwise.
 */
function dataSelectorFields(
  selector: TrailAdvancedEventSelector,
  resourceType: string,
  events: ObjectEvents,
): { arn: 'every' | unknown[] } | undefined {
  let category = false;
  let type = false;
  let arn: 'every' | unknown[] = 'every';
  for (const f of asArray<TrailFieldSelector>(selector.FieldSelectors)) {
    if (f.Field === 'eventCategory' && onlyEquals(f)) category = asArray(f.Equals).includes('Data');
    else if (f.Field === 'resources.type' && onlyEquals(f)) type = asArray(f.Equals).includes(resourceType);
    else if (f.Field === 'readOnly' && onlyEquals(f)) {
      // A selector of reads only covers what must be read-recorded, never "All"; one of writes covers deletions.
      const value = events === 'ReadOnly' ? 'true' : events === 'Deletions' ? 'false' : undefined;
      if (value === undefined || !asArray(f.Equals).includes(value)) return undefined;
    } else if (f.Field === 'eventName' && onlyEquals(f)) {
      // An event-name filter covers the deletions when it names every deletion call, and nothing else it must.
      const names = asArray(f.Equals);
      if (!(events === 'Deletions' && OBJECT_DELETION_EVENTS.every((n) => names.includes(n)))) return undefined;
    } else if (f.Field === 'resources.ARN' && onlyEquals(f, 'StartsWith'))
      arn = [...asArray(f.Equals), ...asArray(f.StartsWith)];
    else return undefined;
  }
  return category && type ? { arn } : undefined;
}

/** A reference-built selector value covers the whole bucket only when nothing follows the bucket ARN but "/". */
function wholeBucket(value: unknown): boolean {
  if (!isJoin(value)) return true;
  const parts = asArray(value['Fn::Join'][1]);
  const last = parts[parts.length - 1];
  return typeof last !== 'string' || last === '/' || last === '';
}

function isJoin(value: unknown): value is { readonly 'Fn::Join': readonly [unknown, unknown] } {
  return typeof value === 'object' && value !== null && 'Fn::Join' in value && Array.isArray(value['Fn::Join']);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

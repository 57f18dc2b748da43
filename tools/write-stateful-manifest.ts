#!/usr/bin/env node
import * as fs from 'fs';
import { PlatformAssembly } from '../lib/compliance/template/platform-assembly';
import { compareStatefulManifest, currentStatefulEntries, StatefulManifest } from './stateful-manifest';

/**
 * `npm run stateful-manifest [-- --write]`: compares the stateful resources of cdk.out (environment `prod`) with
 * docs/stateful-resources.json, or rewrites the list (keeping the migrations) after a deliberate change.
 */
const file = 'docs/stateful-resources.json';
const current = currentStatefulEntries(PlatformAssembly.fromDirectory('cdk.out'), 'prod');
const manifest: StatefulManifest = fs.existsSync(file)
  ? (JSON.parse(fs.readFileSync(file, 'utf8')) as StatefulManifest)
  : { resources: [], migrations: [] };
if (process.argv.includes('--write')) {
  fs.writeFileSync(file, JSON.stringify({ resources: current, migrations: manifest.migrations }, null, 2) + '\n');
  console.log(`${file}: ${current.length} stateful resources`);
} else {
  const problems = compareStatefulManifest(manifest, current);
  for (const p of problems) console.error(p);
  process.exit(problems.length ? 1 : 0);
}

#!/usr/bin/env node
import * as fs from 'fs';
import { architectureMermaid } from './architecture-diagram';
import { PlatformAssembly } from '../lib/compliance/template/platform-assembly';

/**
 * `npm run architecture [-- --check]`: writes docs/architecture.md's diagram from cdk.out, or (--check) fails when
 * the committed diagram no longer matches the synthesized templates.
 */
const doc = 'docs/architecture.md';
const begin = '```mermaid\n';
const end = '\n```';
const diagram = architectureMermaid(PlatformAssembly.fromDirectory('cdk.out'));
const text = fs.readFileSync(doc, 'utf8');
const start = text.indexOf(begin) + begin.length;
const stop = text.indexOf(end, start);
const committed = text.slice(start, stop);
if (process.argv.includes('--check')) {
  if (committed !== diagram) {
    console.error(`${doc} is stale: its diagram differs from cdk.out. Run 'npm run synth && npm run architecture'.`);
    process.exit(1);
  }
  console.log(`${doc} matches cdk.out`);
} else {
  fs.writeFileSync(doc, text.slice(0, start) + diagram + text.slice(stop));
  console.log(`${doc} written`);
}

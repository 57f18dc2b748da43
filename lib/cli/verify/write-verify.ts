import * as fs from 'fs';
import * as path from 'path';
import { renderVerifyMarkdown } from './render-verify';
import { VerifyReport } from './verify-report';

/** Writes the report as markdown and JSON into `dir`; returns the files written. */
export function writeVerifyReport(report: VerifyReport, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const markdown = path.join(dir, 'verify-report.md');
  const json = path.join(dir, 'verify-report.json');
  fs.writeFileSync(markdown, renderVerifyMarkdown(report));
  fs.writeFileSync(json, JSON.stringify(report, null, 2) + '\n');
  return [markdown, json];
}

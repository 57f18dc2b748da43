import type { DocumentRequirement, RequiredSection } from '../../../core/requirements/documents';
import { MarkdownSection, markdownSections } from './markdown-sections';

/** One required section of a document as it was found. */
export interface SectionJudgement {
  readonly name: string;
  /** The heading that carries it, when one does. */
  readonly heading?: string;
  /** What is wrong: no heading names it, its text is empty, or the text lacks what it must say. */
  readonly problem?: string;
}

/**
 * Each required section of `requirement` in `markdown`: present when a heading names it, the text under that
 * heading is not empty and says what the section must say. Of several headings that name it, the first that
 * satisfies it counts. The document's title (its one level-1 heading, first) names no section.
 */
export function judgeDocument(requirement: DocumentRequirement, markdown: string): SectionJudgement[] {
  const all = markdownSections(markdown);
  // The title names the whole document, not a section: a runbook titled "notify customers" says nothing by it.
  const sections = all[0]?.level === 1 && all.filter((s) => s.level === 1).length === 1 ? all.slice(1) : all;
  return requirement.sections.map((required) => judgeSection(required, sections));
}

function judgeSection(required: RequiredSection, sections: readonly MarkdownSection[]): SectionJudgement {
  const named = sections.filter((s) => required.headings.test(s.heading));
  if (named.length === 0) return { name: required.name, problem: `no heading names it (${required.why})` };
  const problems = named.map((s) => problemOf(required, s));
  const ok = problems.findIndex((p) => p === undefined);
  if (ok >= 0) return { name: required.name, heading: named[ok].heading };
  return { name: required.name, heading: named[0].heading, problem: problems[0] };
}

function problemOf(required: RequiredSection, section: MarkdownSection): string | undefined {
  if (section.text === '') return `"${section.heading}" has no text`;
  const unsaid = (required.mustSay ?? []).filter((s) => !s.pattern.test(section.text)).map((s) => s.what);
  return unsaid.length ? `"${section.heading}" does not say ${unsaid.join(', ')}` : undefined;
}

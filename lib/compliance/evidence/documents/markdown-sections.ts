/** A heading of a markdown document and the text under it (up to the next heading of its level or above). */
export interface MarkdownSection {
  readonly level: number;
  readonly heading: string;
  /** The text under the heading, sub-sections included, headings left out. */
  readonly text: string;
}

const ATX_HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^ {0,3}(```|~~~)/;

/**
 * The sections of a markdown document by its ATX headings (`## Notify`), as CommonMark reads them: lines inside
 * fenced code blocks are text, never headings. Enough to judge a document by its sections; no renderer needed at
 * runtime.
 */
export function markdownSections(markdown: string): MarkdownSection[] {
  const lines = markdown.split(/\r?\n/);
  const headings: { line: number; level: number; heading: string }[] = [];
  let fence: string | undefined;
  lines.forEach((line, i) => {
    const opening = FENCE.exec(line)?.[1];
    if (opening && (fence === undefined || opening === fence)) fence = fence === undefined ? opening : undefined;
    else if (fence === undefined) {
      const m = ATX_HEADING.exec(line);
      if (m) headings.push({ line: i, level: m[1].length, heading: m[2] });
    }
  });
  return headings.map((h, n) => {
    const end = headings.slice(n + 1).find((next) => next.level <= h.level)?.line ?? lines.length;
    const below = new Set(headings.filter((o) => o.line > h.line && o.line < end).map((o) => o.line));
    const text = lines
      .slice(h.line + 1, end)
      .filter((_, k) => !below.has(h.line + 1 + k))
      .join('\n')
      .trim();
    return { level: h.level, heading: h.heading, text };
  });
}

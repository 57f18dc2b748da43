import MarkdownIt from 'markdown-it';

/** A table of a markdown source: where it starts (0-based line), its header cells and its rows' cells. */
export interface SourceTable {
  readonly line: number;
  readonly header: string[];
  readonly rows: string[][];
}

/** The cells of a source table row, split on unescaped pipes. */
export function cellsOf(line: string): string[] {
  return line
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** Every run of lines starting with `|` in `markdown`, read as a table (header, separator, rows). */
export function sourceTables(markdown: string): SourceTable[] {
  const lines = markdown.split('\n');
  const tables: SourceTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('|')) continue;
    const start = i;
    while (i + 1 < lines.length && lines[i + 1].startsWith('|')) i++;
    const block = lines.slice(start, i + 1);
    tables.push({ line: start, header: cellsOf(block[0]), rows: block.slice(2).map(cellsOf) });
  }
  return tables;
}

/** A table as a CommonMark + GFM renderer (markdown-it, raw HTML on as on GitHub) reads it: its rows' cell counts. */
export interface RenderedTable {
  readonly line: number;
  readonly rows: number[];
}

export function renderedTables(markdown: string): RenderedTable[] {
  const tokens = new MarkdownIt({ html: true }).parse(markdown, {});
  const tables: { line: number; rows: number[] }[] = [];
  let current: { line: number; rows: number[] } | undefined;
  for (const t of tokens) {
    if (t.type === 'table_open') tables.push((current = { line: t.map?.[0] ?? -1, rows: [] }));
    else if (t.type === 'tr_open') current?.rows.push(0);
    else if ((t.type === 'th_open' || t.type === 'td_open') && current) current.rows[current.rows.length - 1] += 1;
    else if (t.type === 'table_close') current = undefined;
  }
  return tables;
}

/** The section of the report between `<a id="id">` and the next anchor. */
export function anchoredSection(markdown: string, id: string): string {
  const start = markdown.indexOf(`<a id="${id}"></a>`);
  if (start < 0) throw new Error(`no anchor ${id}`);
  // Anchors inside the section (`<id>-documents`) belong to it.
  const next = [...markdown.slice(start + 1).matchAll(/<a id="([^"]+)"><\/a>/g)].find(
    (m) => !m[1].startsWith(`${id}-`),
  );
  return markdown.slice(start, next?.index === undefined ? undefined : start + 1 + next.index);
}

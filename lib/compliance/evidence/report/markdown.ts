/**
 * A markdown document built block by block. Every block (paragraph, list, table, heading) is separated from the
 * next by a blank line, so a table never follows a bullet or a paragraph directly (CommonMark then reads it as text).
 */
export class MarkdownDocument {
  private readonly blocks: string[][] = [];

  heading(level: number, text: string): this {
    return this.block(`${'#'.repeat(level)} ${text}`);
  }

  paragraph(text: string): this {
    return this.block(text);
  }

  /** A bullet list; nothing when empty. */
  bullets(items: readonly string[]): this {
    return items.length ? this.block(...items.map((i) => `- ${oneLine(i)}`)) : this;
  }

  /** A table; a row with fewer cells than the header is padded, so every row has the header's columns. */
  table(header: readonly string[], rows: readonly (readonly string[])[]): this {
    const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
    const padded = rows.map((r) => [...r, ...Array<string>(Math.max(0, header.length - r.length)).fill('')]);
    return this.block(line(header), `|${header.map(() => '---').join('|')}|`, ...padded.map(line));
  }

  /** Lines as they are (markers, an anchor): the caller answers for them being one block. */
  block(...lines: string[]): this {
    this.blocks.push(lines);
    return this;
  }

  toString(): string {
    return this.blocks.map((b) => b.join('\n')).join('\n\n') + '\n';
  }
}

/** Text safe in a table cell: pipes escaped, line breaks folded. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

const oneLine = (text: string) => text.replace(/\r?\n/g, ' ');

/** An anchor other parts of the report link to (`#prod-data-1`); GitHub keeps `id` attributes (prefixed). */
export function anchor(id: string): string {
  return `<a id="${id}"></a>`;
}

/** A stable anchor id from parts: lower case, anything but letters and digits a hyphen. */
export function anchorId(...parts: string[]): string {
  return parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** `n thing` or `n things`. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

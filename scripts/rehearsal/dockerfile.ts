/**
 * A parser of the Dockerfile instructions the platform's images use. Pure: text in, instructions out. Anything else
 * is an error naming the instruction, so an image the rehearsal cannot reproduce is never rehearsed half-way.
 */

export type Instruction =
  | { readonly kind: 'FROM'; readonly image: string }
  | { readonly kind: 'RUN'; readonly shell: string[] }
  | {
      readonly kind: 'COPY' | 'ADD';
      readonly sources: string[];
      readonly dest: string;
      readonly chmod?: number;
      readonly chown?: string;
    }
  | { readonly kind: 'USER'; readonly user: string }
  | { readonly kind: 'VOLUME'; readonly paths: string[] }
  | { readonly kind: 'ENV'; readonly vars: Record<string, string> }
  | { readonly kind: 'ARG'; readonly name: string; readonly value?: string }
  | { readonly kind: 'ENTRYPOINT' | 'CMD'; readonly argv: string[] }
  | { readonly kind: 'WORKDIR'; readonly path: string }
  | { readonly kind: 'EXPOSE'; readonly ports: string[] }
  | { readonly kind: 'LABEL'; readonly text: string };

/** Logical lines: comments and blank lines dropped, backslash continuations joined. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!current && /^\s*(#.*)?$/.test(line)) continue;
    if (current && /^\s*#/.test(line)) continue; // comments inside a continued instruction
    if (/\\\s*$/.test(line)) {
      current += line.replace(/\\\s*$/, ' ');
      continue;
    }
    lines.push((current + line).trim());
    current = '';
  }
  if (current.trim()) lines.push(current.trim());
  return lines;
}

/** Exec form (a JSON array) or shell form (run by /bin/sh -c). */
function argvOf(rest: string, instruction: string): string[] {
  if (rest.startsWith('[')) {
    const parsed: unknown = JSON.parse(rest);
    if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string')) {
      throw new Error(`Dockerfile ${instruction} ${rest}: the exec form must be a JSON array of strings`);
    }
    return parsed;
  }
  return ['/bin/sh', '-c', rest];
}

function flagsOf(words: string[]): { flags: Record<string, string>; rest: string[] } {
  const flags: Record<string, string> = {};
  let i = 0;
  for (; i < words.length && words[i].startsWith('--'); i++) {
    const [k, v = ''] = words[i].slice(2).split('=', 2);
    flags[k] = v;
  }
  return { flags, rest: words.slice(i) };
}

export function parseDockerfile(text: string): Instruction[] {
  return logicalLines(text).map((line): Instruction => {
    const match = /^(\w+)\s+(.*)$/s.exec(line);
    if (!match) throw new Error(`Dockerfile line '${line}' is not an instruction`);
    const kind = match[1].toUpperCase();
    const rest = match[2].trim();
    switch (kind) {
      case 'FROM':
        if (/\s/.test(rest)) throw new Error(`Dockerfile FROM ${rest}: multi-stage builds are not supported`);
        return { kind, image: rest };
      case 'RUN':
        return { kind, shell: argvOf(rest, kind) };
      case 'COPY':
      case 'ADD': {
        const { flags, rest: paths } = flagsOf(rest.split(/\s+/));
        for (const flag of Object.keys(flags)) {
          if (flag !== 'chmod' && flag !== 'chown') throw new Error(`Dockerfile ${kind} --${flag} is not supported`);
        }
        if (paths.length < 2) throw new Error(`Dockerfile ${kind} ${rest}: needs a source and a destination`);
        return {
          kind,
          sources: paths.slice(0, -1),
          dest: paths[paths.length - 1],
          chmod: flags.chmod === undefined ? undefined : parseInt(flags.chmod, 8),
          chown: flags.chown,
        };
      }
      case 'USER':
        return { kind, user: rest };
      case 'VOLUME':
        return { kind, paths: rest.startsWith('[') ? (JSON.parse(rest) as string[]) : rest.split(/\s+/) };
      case 'ENV': {
        const vars: Record<string, string> = {};
        if (/^[A-Za-z_]\w*\s/.test(rest) && !/^[A-Za-z_]\w*=/.test(rest)) {
          const [name, ...value] = rest.split(/\s+/);
          vars[name] = value.join(' ');
        } else {
          for (const m of rest.matchAll(/([A-Za-z_]\w*)=("([^"]*)"|\S*)/g)) vars[m[1]] = m[3] ?? m[2];
        }
        return { kind, vars };
      }
      case 'ARG': {
        const [name, value] = rest.split('=', 2);
        return { kind, name, value };
      }
      case 'ENTRYPOINT':
      case 'CMD':
        return { kind, argv: argvOf(rest, kind) };
      case 'WORKDIR':
        return { kind, path: rest };
      case 'EXPOSE':
        return { kind, ports: rest.split(/\s+/) };
      case 'LABEL':
        return { kind, text: rest };
      default:
        throw new Error(`Dockerfile ${kind} is not supported by the rehearsal's image builder (scripts/rehearsal)`);
    }
  });
}

/** The Debian suite of a `FROM [registry/]…/debian:<suite>[-slim]` line, or an error saying what is supported. */
export function debianSuiteOf(image: string): string {
  const m = /(?:^|\/)debian:([a-z]+)(?:-slim)?(?:@sha256:[0-9a-f]{64})?$/.exec(image);
  if (!m) {
    throw new Error(
      `Dockerfile FROM ${image}: the rehearsal builds Debian bases only (debian:<suite> or debian:<suite>-slim, any registry)`,
    );
  }
  return m[1];
}

/** The packages `apt-get install` is told to install in the RUN steps, so debootstrap can include them up front. */
export function aptPackagesOf(instructions: readonly Instruction[]): string[] {
  const packages = new Set<string>();
  for (const i of instructions) {
    if (i.kind !== 'RUN') continue;
    const script = i.shell.join(' ');
    for (const m of script.matchAll(/apt-get\s+install\s+([^;&|]*)/g)) {
      for (const word of m[1].split(/\s+/)) {
        if (word && !word.startsWith('-') && /^[a-z0-9][a-z0-9+.-]*$/.test(word)) packages.add(word);
      }
    }
  }
  return [...packages].sort();
}

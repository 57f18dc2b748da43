import { parseEvidenceArgs } from '../../lib/cli/evidence-args';

describe('secure-platform evidence: arguments', () => {
  test('defaults: cdk.out, not strict, the documents the package ships', () => {
    expect(parseEvidenceArgs([])).toEqual({ strict: false, outdir: 'cdk.out', documentsDir: undefined });
  });

  test('reads --strict, --out DIR and --docs DIR in any order', () => {
    expect(parseEvidenceArgs(['--docs', 'security', '--strict', '--out', 'out'])).toEqual({
      strict: true,
      outdir: 'out',
      documentsDir: 'security',
    });
  });

  test('fails when an option needs a folder and has none, saying how to write it', () => {
    expect(() => parseEvidenceArgs(['--out'])).toThrow(
      /^--out needs a folder: --out DIR\n\nUsage: secure-platform evidence/,
    );
    expect(() => parseEvidenceArgs(['--docs', '--strict'])).toThrow(/^--docs needs a folder: --docs DIR/);
  });

  test('fails on an argument it does not know, naming it and the ones it does', () => {
    expect(() => parseEvidenceArgs(['--strcit'])).toThrow(
      /^unknown argument '--strcit': use --strict, --out DIR or --docs DIR/,
    );
  });
});

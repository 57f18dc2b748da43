import * as path from 'path';
import { findingRule } from '../../core/acknowledge';
import { Defect } from './defects';
import { acknowledgeLine } from './findings-summary';

/** The SARIF 2.1.0 subset the gate writes (what code-scanning tools read). */
export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly SarifRun[];
}

interface SarifRun {
  readonly tool: {
    readonly driver: {
      readonly name: string;
      readonly rules: readonly {
        readonly id: string;
        readonly shortDescription: { readonly text: string };
        readonly help?: { readonly text: string };
      }[];
    };
  };
  readonly results: readonly SarifResult[];
}

export interface SarifResult {
  readonly ruleId: string;
  readonly level: 'error';
  readonly message: { readonly text: string };
  readonly locations: readonly {
    readonly physicalLocation?: {
      readonly artifactLocation: { readonly uri: string };
      readonly region?: { readonly startLine: number; readonly startColumn?: number };
    };
    readonly logicalLocations?: readonly { readonly fullyQualifiedName: string; readonly kind: 'resource' }[];
  }[];
  readonly properties: {
    readonly claims: readonly string[];
    /** Every rule the defect is reported under, across packs. */
    readonly rules: readonly string[];
    readonly fix?: string;
    readonly acknowledge: string;
  };
  readonly suppressions?: readonly { readonly kind: 'external'; readonly justification: string }[];
}

/**
 * The defects as SARIF: one result per defect (its first rule as `ruleId`, every rule in `properties.rules`), the
 * construct path as the logical location, the template (relative to `baseDir`) and the source line as physical
 * locations; acknowledged defects carry their reasons as suppressions.
 */
export function toSarif(defects: readonly Defect[], baseDir: string): SarifLog {
  const rules = new Map<string, { description: string; fix?: string }>();
  const results = defects.map((d): SarifResult => {
    const ruleId = findingRule(d.findings[0].ruleName);
    if (!rules.has(ruleId)) rules.set(ruleId, { description: d.findings[0].description, fix: d.fix });
    const uri = (file: string) => path.relative(baseDir, path.resolve(baseDir, file)).split(path.sep).join('/');
    return {
      ruleId,
      level: 'error',
      message: {
        text: `${d.claims.length ? `[${d.claims.join(', ')}] ` : ''}${d.what}${d.fix ? ` Fix: ${d.fix}` : ''}`,
      },
      locations: [
        {
          ...(d.templatePath ? { physicalLocation: { artifactLocation: { uri: uri(d.templatePath) } } } : {}),
          logicalLocations: [{ fullyQualifiedName: d.constructPath ?? d.where, kind: 'resource' }],
        },
        ...(d.source
          ? [
              {
                physicalLocation: {
                  artifactLocation: { uri: uri(d.source.file) },
                  region: { startLine: d.source.line, startColumn: d.source.column },
                },
              },
            ]
          : []),
      ],
      properties: {
        claims: d.claims,
        rules: [...new Set(d.findings.map((f) => findingRule(f.ruleName)))],
        fix: d.fix,
        acknowledge: acknowledgeLine(d),
      },
      ...(d.acknowledged
        ? {
            suppressions: [...new Set(d.findings.map((f) => f.acknowledged?.reason ?? ''))].map((justification) => ({
              kind: 'external' as const,
              justification,
            })),
          }
        : {}),
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'secure-platform synth gate',
            rules: [...rules].map(([id, r]) => ({
              id,
              shortDescription: { text: r.description },
              ...(r.fix ? { help: { text: r.fix } } : {}),
            })),
          },
        },
        results,
      },
    ],
  };
}

/** Typed views of AWS::AccessAnalyzer::* properties. */

export interface AnalyzerProps {
  readonly Type?: unknown;
  readonly AnalyzerName?: unknown;
}

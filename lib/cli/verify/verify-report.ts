// The report's types live in core, so that the trust page (compliance) can read a report without importing the CLI.
export type { ClaimVerdict, VerifiedClaim, VerifyReport } from '../../core/requirements/verify-report-model';

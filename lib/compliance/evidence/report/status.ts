import type { ClaimStatus } from '../evidence-model';

const MARK: Record<ClaimStatus, string> = {
  proven: 'proven',
  'exceeds claim': 'exceeds claim',
  weakened: '**weakened**',
  inherited: 'inherited',
  organisational: 'organisational',
  FAILING: '**FAILING**',
  'not implemented': '*not implemented*',
};

/** A verdict as the report shows it: the ones that need attention stand out. */
export function statusMark(status: string): string {
  return MARK[status as ClaimStatus] ?? status;
}

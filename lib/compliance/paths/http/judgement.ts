/** What a hop's judge found: `unknown` when the templates alone cannot decide (the hop then fails closed). */
export interface Judgement {
  readonly verdict: 'pass' | 'block' | 'unknown';
  readonly detail: string;
}

export const passes = (detail: string): Judgement => ({ verdict: 'pass', detail });
export const blocks = (detail: string): Judgement => ({ verdict: 'block', detail });
export const cannotTell = (detail: string): Judgement => ({ verdict: 'unknown', detail: `cannot tell: ${detail}` });

import type { ClaimId } from '../claims/claim';

/** Something a section's text must say, beyond being there (a deadline is a number of hours or days). */
export interface RequiredStatement {
  /** What the text must say, as the verdict names it: `a deadline`. */
  readonly what: string;
  readonly pattern: RegExp;
}

/** A section a cited document must have: a heading that names it and text under that heading. */
export interface RequiredSection {
  /** As the verdict names it when the section is missing: `who decides`. */
  readonly name: string;
  /** Heading words that name the section (any one matches, case-insensitive). */
  readonly headings: RegExp;
  /** What the claim needs the section for. */
  readonly why: string;
  /** What the section's text must say. @default - any text */
  readonly mustSay?: readonly RequiredStatement[];
}

/** A document a claim cites, judged by its content: every required section present with text. */
export interface DocumentRequirement {
  /** As the claims register cites it. */
  readonly path: string;
  readonly claim: ClaimId;
  readonly sections: readonly RequiredSection[];
}

const DEADLINE: RequiredStatement = {
  what: 'a deadline (minutes, hours or days)',
  pattern: /\b\d+\s*(business\s+)?(minutes?|hours?|days?)\b/i,
};

/**
 * MONITOR-3 promises that affected customers are notified "immediately": the runbook must say who decides that an
 * alert is a breach and who is affected, who is notified by when, through which channels, and with which message.
 */
export const BREACH_RUNBOOK: DocumentRequirement = {
  path: 'docs/runbooks/breach-notification.md',
  claim: 'MONITOR-3',
  sections: [
    {
      name: 'who decides',
      headings: /\b(who decides|decid\w*|roles?|triage)\b/i,
      why: 'someone must own the decision that an alert is a breach and who is affected',
      mustSay: [{ what: 'a role', pattern: /\b(incident lead|on-call|security team|officer|owner|lead)\b/i }],
    },
    {
      name: 'who is notified and by when',
      headings: /\bnotif\w*/i,
      why: '"immediately notify all affected customers" needs a deadline and the people it binds',
      mustSay: [DEADLINE, { what: 'who is notified', pattern: /\b(customers?|authority|owners?|contacts?)\b/i }],
    },
    {
      name: 'channels',
      headings: /\b(channels?|alerts?|how we (reach|contact))\b/i,
      why: 'the alert must reach a person, and the notice must reach the customer, by a named channel',
      mustSay: [{ what: 'a channel', pattern: /\b(e-?mail|phone|sms|pager|chat|in-app|notice|status page)\b/i }],
    },
    {
      name: 'message templates',
      headings: /\b(templates?|messages?)\b/i,
      why: 'a notice sent within hours is written from a template, not from scratch',
    },
  ],
};

/**
 * RESPONSE-1 promises a page with "details on how to securely submit a report": how to report, what to report, how
 * to do it securely (an encryption key or a form), and when the reporter hears back.
 */
export const SECURITY_RESPONSE_PAGE: DocumentRequirement = {
  path: 'docs/security-response.md',
  claim: 'RESPONSE-1',
  sections: [
    {
      name: 'how to report',
      headings: /\b(how to (report|submit)|reporting|contact|submit\w*)\b/i,
      why: 'the page exists to say how to submit a report',
      mustSay: [{ what: 'an address', pattern: /(@|https?:\/\/|mailto:|security\.txt)/i }],
    },
    {
      name: 'what is in scope',
      headings: /\b(scope|what to report)\b/i,
      why: 'a reporter must know what the page is for',
    },
    {
      name: 'an encryption key or form',
      headings: /\b(secure\w*|encrypt\w*|pgp|key|form)\b/i,
      why: '"securely submit": a report with an exploit or personal data needs an encrypted channel',
      mustSay: [{ what: 'a key or a form', pattern: /\b(PGP|OpenPGP|GPG|encryption key|form)\b/i }],
    },
    {
      name: 'response time',
      headings: /\b(what happens next|response times?|timeline|when)\b/i,
      why: 'a reporter must know when to expect an answer',
      mustSay: [DEADLINE],
    },
  ],
};

export const DOCUMENT_REQUIREMENTS: readonly DocumentRequirement[] = [BREACH_RUNBOOK, SECURITY_RESPONSE_PAGE];

/** The requirement of a cited document, by the path the claims register cites. */
export function documentRequirement(path: string): DocumentRequirement | undefined {
  return DOCUMENT_REQUIREMENTS.find((d) => d.path === path);
}

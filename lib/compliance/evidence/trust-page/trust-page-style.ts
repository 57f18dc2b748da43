/**
 * The page's only style, inlined so the page fetches nothing. Every text colour has at least 7:1 contrast on its
 * background (WCAG AAA), badges included.
 */
export const TRUST_PAGE_CSS = `
:root { color: #1a1a1a; background: #ffffff; font: 16px/1.55 system-ui, -apple-system, 'Segoe UI', sans-serif; }
body { max-width: 52rem; margin: 0 auto; padding: 1.5rem; }
a { color: #0b4a8b; }
a:focus { outline: 3px solid #0b4a8b; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { position: static; }
header { border-bottom: 1px solid #cccccc; margin-bottom: 1.5rem; }
h1 { font-size: 1.9rem; line-height: 1.2; }
h2 { font-size: 1.4rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; font-weight: 600; font-style: italic; margin: 2rem 0 0.5rem; }
h4 { font-size: 1rem; margin: 0 0 0.4rem; }
.id { font-weight: normal; color: #444444; font-size: 0.9em; }
article { border-top: 1px solid #dddddd; }
.claim { border-left: 4px solid #cccccc; padding: 0.3rem 0 0.3rem 1rem; margin: 0.8rem 0; }
.claim p { margin: 0.3rem 0; }
.note { color: #333333; font-size: 0.95em; }
.badge { display: inline-block; padding: 0 0.5rem; border-radius: 0.3rem; font-weight: 600; font-size: 0.9em;
  border: 1px solid currentColor; }
.status-proven { color: #0b4f22; background: #e4f3e8; }
.status-exceeds { color: #083a66; background: #e2eefa; }
.status-weakened { color: #5c3b00; background: #fff2cf; }
.status-inherited { color: #333333; background: #eeeeee; }
.status-organisational { color: #45256f; background: #f1eafb; }
.status-failing { color: #7d0f0f; background: #fde6e6; }
.status-not-verified { color: #3a3a3a; background: #eeeeee; }
.summary { list-style: none; padding: 0; }
.summary li { margin: 0.3rem 0; }
dl.controls { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.8rem; font-size: 0.9em; margin: 0.4rem 0; }
dl.controls dt { font-weight: 600; }
dl.controls dd { margin: 0; }
dl.legend dd { margin: 0 0 0.6rem 0; }
footer { border-top: 1px solid #cccccc; margin-top: 2rem; font-size: 0.95em; }
`;

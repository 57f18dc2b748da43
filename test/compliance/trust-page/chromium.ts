import * as fs from 'fs';

/**
 * Debian's Chromium (apt package `chromium`; .ci/run installs it through scripts/ensure-browser.sh), driven by
 * playwright-core, which never downloads a browser. Without it the browser test is skipped locally and fails where
 * TRUST_PAGE_BROWSER_REQUIRED=1 (CI).
 */
export const CHROMIUM = '/usr/bin/chromium';
const available = fs.existsSync(CHROMIUM);
if (!available) {
  if (process.env.TRUST_PAGE_BROWSER_REQUIRED === '1') {
    throw new Error(`Chromium not found at ${CHROMIUM}; .ci/run installs it (scripts/ensure-browser.sh)`);
  }
  console.warn(
    `trust page browser test skipped: no Chromium at ${CHROMIUM} (install Debian's 'chromium' package to run it)`,
  );
}
export const describeWithBrowser = available ? describe : describe.skip;

#!/usr/bin/env bash
# Makes sure the trust page's browser test (test/compliance/trust-page/trust-page.browser.test.ts) has Debian's
# Chromium, which playwright-core drives (it never downloads a browser). Installs the `chromium` package only when
# /usr/bin/chromium is missing; does nothing otherwise.
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
  echo "ensure-browser: chromium present"
  exit 0
fi

echo "ensure-browser: /usr/bin/chromium missing"
bash "$(dirname "$0")/apt-install.sh" "the trust page's browser test drives Debian's Chromium" chromium

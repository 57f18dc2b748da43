#!/usr/bin/env node
// npm's `prepare` (after npm ci, and before npm pack): the Lambda functions that ship their own node_modules get them
// installed from their lockfiles. Skipped where the lockfile's packages are already there, because `npm ci` first
// deletes node_modules: the consumer test packs the library while other tests synthesize the functions, and a
// reinstall in that moment would take `pg` away from them.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

for (const dir of ['lib/data/database-bootstrap', 'lib/backup/restore-validation']) {
  const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
  const wanted = Object.entries(lock.packages ?? {}).filter(([p, v]) => p.startsWith('node_modules/') && !v.dev);
  const present = wanted.every(([p, v]) => {
    const file = path.join(dir, p, 'package.json');
    return fs.existsSync(file) && JSON.parse(fs.readFileSync(file, 'utf8')).version === v.version;
  });
  if (present) continue;
  execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--json=false', '--silent', '--prefix', dir], {
    stdio: 'inherit',
  });
}

import * as fs from 'fs';
import * as path from 'path';

const PACKAGE_NAME = '@pocketcity/secure-platform';

/**
 * The version of this package, read from its own package.json (found by walking up from this file, so it is the
 * same from `lib/` under ts-node and from `dist/lib/` in the published package).
 */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME && pkg.version) return pkg.version;
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

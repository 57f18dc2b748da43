import * as fs from 'fs';
import * as path from 'path';
import { loadSdk, MissingSdkError, SDK_PACKAGES } from '../../lib/cli/preflight/sdk';

/** The preflight's AWS SDK clients are optional peer dependencies: declared so, and named when missing. */
describe('the AWS SDK clients of the preflight', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies: Record<string, string>;
    peerDependencies: Record<string, string>;
    peerDependenciesMeta: Record<string, { optional?: boolean }>;
  };
  const clients = Object.values(SDK_PACKAGES).sort();

  test('each is an optional peer dependency, in the range the repository develops with, and no dependency', () => {
    for (const name of clients) {
      expect([name, pkg.peerDependencies[name]]).toEqual([name, pkg.devDependencies[name]]);
      expect([name, pkg.peerDependenciesMeta[name]?.optional]).toEqual([name, true]);
      expect(pkg.dependencies?.[name]).toBeUndefined();
    }
    expect(
      Object.keys(pkg.peerDependencies)
        .filter((p) => p.startsWith('@aws-sdk/'))
        .sort(),
    ).toEqual(clients);
  });

  test('all load here', async () => {
    const sdk = await loadSdk();
    expect(typeof sdk.lambda.GetAccountSettingsCommand).toBe('function');
  });

  test('fails naming every missing package and the command that installs them, before any call', async () => {
    const notInstalled = (name: string) => () =>
      Promise.reject(Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' }));
    const loaders = {
      ...Object.fromEntries(Object.keys(SDK_PACKAGES).map((k) => [k, () => Promise.resolve({})])),
      lambda: notInstalled('@aws-sdk/client-lambda'),
      rds: notInstalled('@aws-sdk/client-rds'),
    } as unknown as Parameters<typeof loadSdk>[0];
    const error = await loadSdk(loaders).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingSdkError);
    expect((error as Error).message).toBe(
      'the preflight needs the AWS SDK v3 client packages @aws-sdk/client-lambda, @aws-sdk/client-rds, optional peer dependencies of @pocketcity/secure-platform that are not installed. Install them with:\n' +
        '  npm install --save-dev @aws-sdk/client-lambda @aws-sdk/client-rds',
    );
  });
});

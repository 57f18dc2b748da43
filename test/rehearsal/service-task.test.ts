/**
 * The default service image rehearsed as Fargate runs it: built from the synthesized asset's Dockerfile, started with
 * the Service stack's task definition (uid 1000, read-only root, /tmp on a Fargate bind mount), and asked for the
 * target group's health check path on the container port over loopback.
 */
import { ChildProcess } from 'child_process';
import * as net from 'net';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { buildImage, BuiltImage } from '../../scripts/rehearsal/build-image';
import { synthesizedContainer, SynthesizedContainer } from '../../scripts/rehearsal/cdk-out';
import { freePort } from '../../scripts/rehearsal/free-port';
import { FargateRunOptions, prepareRun, runContainer, startContainer } from '../../scripts/rehearsal/fargate-run';
import { REFERENCE_ASSEMBLY_DIR, REFERENCE_ENVIRONMENT } from '../support/reference-assembly';

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function get(port: number, urlPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
  });
}

async function waitForHttp(port: number, urlPath: string, proc: ChildProcess, output: () => string) {
  for (let i = 0; i < 100; i++) {
    if (proc.exitCode !== null) throw new Error(`the container exited ${proc.exitCode}: ${output()}`);
    try {
      return await get(port, urlPath);
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`nothing answered on ${port}: ${output()}`);
}

describe('the default service image as Fargate runs it', () => {
  let dir: string;
  let task: SynthesizedContainer;
  let image: BuiltImage;
  let healthPath: string;
  let containerPort: number;
  const procs: ChildProcess[] = [];
  const started = Date.now();

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rehearsal-service-'));
    fs.chmodSync(dir, 0o755); // the task's uid reaches its volumes below it
    task = synthesizedContainer(REFERENCE_ASSEMBLY_DIR, `${REFERENCE_ENVIRONMENT}/Service`, 'App');
    image = buildImage({ contextDir: task.contextDir });
    const targetGroup = Object.values(task.resources).find(
      (r) => r.Type === 'AWS::ElasticLoadBalancingV2::TargetGroup',
    )!;
    healthPath = targetGroup.Properties.HealthCheckPath as string;
    containerPort = task.taskDefinition.ContainerDefinitions[0].PortMappings![0].ContainerPort;
  }, 600_000);

  afterAll(() => {
    for (const p of procs) p.kill('SIGKILL');
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    console.log(
      `rehearsal (service): image ${image?.buildSeconds ? 'built' : 'cached'}, whole file ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });

  const optionsFor = (extra: Partial<FargateRunOptions> = {}): FargateRunOptions => ({
    image,
    taskDefinition: task.taskDefinition,
    workDir: fs.mkdtempSync(path.join(dir, 'task-')),
    secrets: Object.fromEntries(
      (task.taskDefinition.ContainerDefinitions[0].Secrets ?? []).map((s) => [s.Name, `test-${s.Name}`]),
    ),
    // The health page reads none of the database settings; each gets a stand-in value.
    references: (ref: string) => `rehearsal-${ref.replace(/[^A-Za-z0-9]+/g, '-')}`,
    ...extra,
  });

  function start(overridePort?: number) {
    let output = '';
    // On a shared machine the container port may be taken; then the rehearsal moves it (the image reads PORT).
    const options = optionsFor({ loopbackOverrides: overridePort ? { PORT: String(overridePort) } : undefined });
    const proc = startContainer(options);
    procs.push(proc);
    proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    return { proc, output: () => output, prepared: prepareRun(options) };
  }

  test('the task definition runs it as uid 1000 on a read-only root, with /tmp a Fargate bind mount, on x86_64', () => {
    const container = task.taskDefinition.ContainerDefinitions[0];
    expect(container.User).toBe('1000:1000');
    expect(container.ReadonlyRootFilesystem).toBe(true);
    expect(container.MountPoints).toEqual([expect.objectContaining({ ContainerPath: '/tmp' })]);
    expect(container.LinuxParameters?.Tmpfs).toBeUndefined();
    expect(task.platform).toBe('linux/amd64');
    expect(task.taskDefinition.RuntimePlatform?.CpuArchitecture).toBe('X86_64');
  });

  test('starts under those constraints and answers the health check path on the container port', async () => {
    const port = (await portIsFree(containerPort)) ? undefined : await freePort();
    const { proc, output, prepared } = start(port);
    expect(prepared.uid).toBe(1000);
    const res = await waitForHttp(port ?? containerPort, healthPath, proc, output);
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/ok/);
  });

  const probe = ['/bin/sh', '-c', 'echo probe > /tmp/probe && cat /tmp/probe && id -u'];

  test('/tmp is writable by the task user, since the image declares it a volume (Fargate copies its 1777)', () => {
    const r = runContainer(optionsFor({ commandOverride: probe }));
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('probe\n1000\n');
  });

  test('fails to write /tmp when the image does not declare it a volume (Fargate mounts it root-owned 0755)', () => {
    const undeclared = { ...image, config: { ...image.config, volumes: [] } };
    const r = runContainer(optionsFor({ image: undeclared, commandOverride: probe }));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/cannot create \/tmp\/probe: Permission denied/);
  });

  test('fails to write anywhere else: the root file system is read-only', () => {
    const r = runContainer(optionsFor({ commandOverride: ['/bin/sh', '-c', 'echo x > /srv/www/x'] }));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/cannot create \/srv\/www\/x: (Read-only file system|Permission denied)/);
  });
});

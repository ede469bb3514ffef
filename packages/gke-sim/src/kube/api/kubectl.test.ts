import { execFile, execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import {
  cosAuditdNamespace,
  eventually,
  fluentBitConfigMap,
  loggingDaemonSet,
  RunningTestCluster,
  startTestCluster,
} from '../../cluster/__testUtils__';

const run = promisify(execFile);

function kubectlOnPath(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], {
      stdio: 'ignore',
      timeout: 10_000,
    });
    return true;
  } catch {
    return false;
  }
}

const hasKubectl = kubectlOnPath();
if (!hasKubectl) {
  // eslint-disable-next-line no-console
  console.warn(
    'kubectl is not on PATH: skipping the kubectl tests of the simulated API',
  );
}

/** The upstream manifest, when the shared fixtures are next to the repository. */
/** GKE's upstream manifest, in the shared fixtures (scripts/test.sh finds them). */
const UPSTREAM_MANIFEST = resolve(
  process.env.COS_AUDITD_SHARED_FIXTURES ??
    resolve(__dirname, '../../../../../../shared/fixtures'),
  'upstream-manifests/cos-auditd-logging.fluent-bit.yaml',
);

if (!existsSync(UPSTREAM_MANIFEST)) {
  // eslint-disable-next-line no-console
  console.warn(
    `${UPSTREAM_MANIFEST} is absent: skipping the upstream manifest case`,
  );
}

/**
 * kubectl (1.32) against the simulated API. Served over HTTPS: kubectl sends
 * no bearer token to a plain-HTTP server.
 */
(hasKubectl ? describe : describe.skip)(
  'the simulated API with kubectl',
  () => {
    let running: RunningTestCluster;
    let workDir: string;

    beforeEach(async () => {
      running = await startTestCluster({ tls: true });
      workDir = mkdtempSync(join(tmpdir(), 'gke-sim-kubectl-'));
    });

    afterEach(async () => {
      await running.stop();
      rmSync(workDir, { recursive: true, force: true });
    });

    function kubeconfig(token: string): string {
      const file = join(workDir, `kubeconfig-${token}`);
      writeFileSync(
        file,
        stringify({
          apiVersion: 'v1',
          kind: 'Config',
          clusters: [
            {
              name: 'sim',
              cluster: {
                server: running.server.url,
                'certificate-authority-data': Buffer.from(
                  running.server.ca!,
                ).toString('base64'),
              },
            },
          ],
          users: [{ name: 'sim', user: { token } }],
          contexts: [{ name: 'sim', context: { cluster: 'sim', user: 'sim' } }],
          'current-context': 'sim',
        }),
      );
      return file;
    }

    async function kubectl(args: string[], token = running.adminToken) {
      const { stdout } = await run(
        'kubectl',
        [
          '--kubeconfig',
          kubeconfig(token),
          '--cache-dir',
          join(workDir, 'cache'),
          ...args,
        ],
        { timeout: 20_000, maxBuffer: 64 * 1024 * 1024 },
      );
      return stdout;
    }

    function writeManifest(text: string): string {
      const file = join(workDir, 'manifest.yaml');
      writeFileSync(file, text);
      return file;
    }

    const rendered = () =>
      [cosAuditdNamespace(), loggingDaemonSet(), fluentBitConfigMap()]
        .map(o => stringify(o))
        .join('---\n');

    it('gets the nodes', async () => {
      const output = await kubectl(['get', 'nodes', '-o', 'name']);

      expect(output.trim().split('\n')).toEqual(
        running.cluster.nodeNames().map(name => `node/${name}`),
      );
    });

    it('applies a rendered manifest server-side, and again without changes', async () => {
      const file = writeManifest(rendered());

      const first = await kubectl([
        'apply',
        '--server-side',
        '--validate=false',
        '-f',
        file,
      ]);
      const second = await kubectl([
        'apply',
        '--server-side',
        '--validate=false',
        '-f',
        file,
      ]);

      expect(first).toContain(
        'daemonset.apps/cos-auditd-logging serverside-applied',
      );
      expect(second).toContain(
        'configmap/cos-auditd-fluent-bit-config serverside-applied',
      );
      const ds = JSON.parse(
        await kubectl([
          'get',
          'ds',
          'cos-auditd-logging',
          '-n',
          'cos-auditd',
          '-o',
          'json',
        ]),
      );
      expect(ds.metadata.generation).toBe(1);
    });

    it('shows the DaemonSet status as JSON', async () => {
      await kubectl([
        'apply',
        '--server-side',
        '--validate=false',
        '-f',
        writeManifest(rendered()),
      ]);

      const list = await eventually(async () => {
        const parsed = JSON.parse(
          await kubectl(['get', 'ds', '-n', 'cos-auditd', '-o', 'json']),
        );
        return parsed.items[0]?.status?.numberReady === 3 ? parsed : undefined;
      });

      expect(list.items[0].status).toMatchObject({
        desiredNumberScheduled: 3,
        currentNumberScheduled: 3,
        updatedNumberScheduled: 3,
        numberMisscheduled: 0,
      });
    });

    it('is told Forbidden when applying with the read-only token', async () => {
      const file = writeManifest(rendered());

      await expect(
        kubectl(
          ['apply', '--server-side', '--validate=false', '-f', file],
          running.readOnlyToken,
        ),
      ).rejects.toThrow(
        /forbidden: User "gke-sim-read-only" cannot patch resource "namespaces"/,
      );
    });

    (existsSync(UPSTREAM_MANIFEST) ? describe : describe.skip)(
      'with the upstream manifest (skipped when ../shared/fixtures is absent)',
      () => {
        it('applies the upstream fluent-bit manifest', async () => {
          const text = readFileSync(UPSTREAM_MANIFEST, 'utf8')
            .replace(/\$\{?CLUSTER_NAME\}?/g, 'test-cluster')
            .replace(/\$\{?CLUSTER_LOCATION\}?/g, 'europe-west1');

          const output = await kubectl([
            'apply',
            '--server-side',
            '--validate=false',
            '-f',
            writeManifest(text),
          ]);

          expect(output).toContain(
            'daemonset.apps/cos-auditd-logging serverside-applied',
          );
          await eventually(() =>
            running.cluster.agentReadyNodes().length === 3 ? true : undefined,
          );
          expect(running.cluster.agentConfig()?.text).toContain(
            'k8s_cluster_name          test-cluster',
          );
        });
      },
    );
  },
);

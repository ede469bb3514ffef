/** Runs kubectl against the simulator and times it, output discarded or captured. */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

export type Kubectl = {
  /**
   * Runs `kubectl ARGS` and resolves with its wall time from spawn to exit.
   * stdout goes to /dev/null unless `capture` is set; a non-zero exit is an error.
   */
  run(args: string[], options?: { capture?: boolean }): Promise<KubectlRun>;
  close(): void;
};

export type KubectlRun = { ms: number; stdout: string };

export function createKubectl(options: {
  kubeconfigFile: string;
  cacheDir: string;
  binary?: string;
}): Kubectl {
  const binary = options.binary ?? process.env.KUBECTL ?? 'kubectl';
  const devNull = openSync('/dev/null', 'w');
  return {
    run(args, { capture = false } = {}) {
      const fullArgs = [
        '--kubeconfig',
        options.kubeconfigFile,
        // Discovery is cached here after the first run, as in a user's ~/.kube/cache.
        '--cache-dir',
        options.cacheDir,
        ...args,
      ];
      return new Promise<KubectlRun>((resolve, reject) => {
        const started = performance.now();
        const child = spawn(binary, fullArgs, {
          stdio: ['ignore', capture ? 'pipe' : devNull, 'pipe'],
          env: { ...process.env, KUBECONFIG: options.kubeconfigFile },
        });
        const stdout: Buffer[] = [];
        const stderr: Buffer[] = [];
        child.stdout?.on('data', chunk => stdout.push(chunk));
        child.stderr?.on('data', chunk => stderr.push(chunk));
        child.on('error', reject);
        child.on('close', (code, signal) => {
          const ms = performance.now() - started;
          if (code !== 0) {
            reject(
              new Error(
                `kubectl ${args.join(' ')} exited with ${
                  code ?? signal
                }: ${Buffer.concat(stderr).toString('utf8').trim()}`,
              ),
            );
            return;
          }
          resolve({ ms, stdout: Buffer.concat(stdout).toString('utf8') });
        });
      });
    },
    close() {
      closeSync(devNull);
    },
  };
}

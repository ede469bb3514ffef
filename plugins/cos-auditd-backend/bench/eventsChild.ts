/**
 * Child processes of `yarn bench:events`: a bench script of this folder in
 * its own Node.js process (TypeScript through Backstage's transform, as
 * the `bench` scripts run), and any other program, timed from spawn to
 * exit with its output consumed.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs `bench/SCRIPT ARGS` in a new Node.js process with `nodeOptions`
 * and resolves with the JSON of the last line it prints on stdout. Its
 * stderr is passed through; a non-zero exit is an error.
 */
export function runBenchScript<T>(
  script: string,
  args: string[],
  nodeOptions: string[] = [],
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...nodeOptions,
        '--require',
        require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
        join(__dirname, script),
        ...args,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    // Ctrl-C or an error in this process ends the child too.
    const kill = () => child.kill('SIGKILL');
    process.on('exit', kill);
    const stdout: Buffer[] = [];
    child.stdout.on('data', chunk => stdout.push(chunk));
    child.on('error', error => {
      process.removeListener('exit', kill);
      reject(error);
    });
    child.on('close', (code, signal) => {
      process.removeListener('exit', kill);
      const lines = Buffer.concat(stdout).toString('utf8').trim().split('\n');
      if (code !== 0) {
        reject(new Error(`${script} exited with ${code ?? signal}`));
        return;
      }
      try {
        resolve(JSON.parse(lines[lines.length - 1]) as T);
      } catch {
        reject(new Error(`${script} printed no JSON result`));
      }
    });
  });
}

export type ProgramRun = {
  ms: number;
  code: number | null;
  stdoutBytes: number;
  stdoutLines: number;
  stderrLines: number;
  /** The first few lines of stderr, for the report. */
  stderrHead: string[];
};

/**
 * Runs a program with its stdout and stderr read through pipes and counted
 * (not kept), and resolves with its wall time from spawn to exit.
 */
export function runProgram(
  command: string,
  args: string[],
): Promise<ProgramRun> {
  return new Promise<ProgramRun>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const kill = () => child.kill('SIGKILL');
    process.on('exit', kill);
    let stdoutBytes = 0;
    let stdoutLines = 0;
    let stderrText = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) {
        stdoutLines++;
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderrText += chunk.toString('utf8');
    });
    child.on('error', error => {
      process.removeListener('exit', kill);
      reject(error);
    });
    child.on('close', code => {
      const ms = performance.now() - started;
      process.removeListener('exit', kill);
      const stderrLines = stderrText.split('\n').filter(Boolean);
      resolve({
        ms,
        code,
        stdoutBytes,
        stdoutLines,
        stderrLines: stderrLines.length,
        stderrHead: stderrLines.slice(0, 3),
      });
    });
  });
}

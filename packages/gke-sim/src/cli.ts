import { writeFile } from 'node:fs/promises';
import { commandLineHelp, parseCommandLine } from './config';
import { startGkeSimulator } from './startGkeSimulator';

/** `yarn sim`: starts the simulator in the foreground until Ctrl-C. */
async function main() {
  let parsed;
  try {
    parsed = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `gke-sim: ${(error as Error).message}\n\n${commandLineHelp()}`,
    );
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(commandLineHelp());
    return;
  }

  const simulator = await startGkeSimulator(parsed.options);
  const description = simulator.describe();

  for (const cluster of description.clusters) {
    const nodes = parsed.options.clusters
      .find(c => c.name === cluster.name)!
      .pools.reduce((sum, pool) => sum + pool.nodes, 0);
    process.stdout.write(
      [
        `cluster ${cluster.name} (${cluster.project}, ${cluster.location}, ${nodes} nodes)`,
        `  Kubernetes API   ${cluster.apiServer}${
          cluster.ca ? ' (HTTPS; CA in --describe-to output)' : ''
        }`,
        `  admin token      ${cluster.adminToken}`,
        `  read-only token  ${cluster.readOnlyToken}`,
        '',
      ].join('\n'),
    );
  }
  process.stdout.write(
    `Cloud Logging (gRPC, insecure)  ${description.logging.endpoint}\n`,
  );
  if (description.admin) {
    process.stdout.write(
      `admin endpoint                  ${description.admin}\n`,
    );
  }
  if (parsed.describeTo) {
    await writeFile(
      parsed.describeTo,
      `${JSON.stringify(description, null, 2)}\n`,
    );
    process.stdout.write(`description written to ${parsed.describeTo}\n`);
  }
  process.stdout.write('gke-sim is ready\n');

  const shutdown = async () => {
    await simulator.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch(error => {
  process.stderr.write(`gke-sim: ${error?.stack ?? error}\n`);
  process.exit(1);
});

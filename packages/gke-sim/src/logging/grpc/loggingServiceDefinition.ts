import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadPackageDefinition, ServiceDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';

/**
 * The package folder holding `build/protos`: resolved from the package's
 * main file and walked up, because google-gax's `exports` map hides its
 * `package.json`.
 */
function protosOf(packageName: string): string {
  let folder = dirname(require.resolve(packageName));
  for (;;) {
    const protos = join(folder, 'build', 'protos');
    if (existsSync(join(protos, 'google'))) {
      return protos;
    }
    const parent = dirname(folder);
    if (parent === folder) {
      throw new Error(`Cannot find the protos shipped in ${packageName}`);
    }
    folder = parent;
  }
}

let cached: ServiceDefinition | undefined;

/**
 * `google.logging.v2.LoggingServiceV2`, loaded from the protos that
 * @google-cloud/logging-api ships (Google's common protos come from
 * google-gax). Field names are camelCase, int64 are strings, enums names,
 * and oneofs say which field is set.
 */
export function loggingServiceDefinition(): ServiceDefinition {
  if (!cached) {
    const definition = loadSync('google/logging/v2/logging.proto', {
      includeDirs: [
        protosOf('@google-cloud/logging-api'),
        protosOf('google-gax'),
      ],
      keepCase: false,
      longs: String,
      enums: String,
      defaults: false,
      oneofs: true,
    });
    // The generated package tree is untyped; this path is fixed by the proto.
    const root = loadPackageDefinition(definition) as unknown as {
      google: {
        logging: { v2: { LoggingServiceV2: { service: ServiceDefinition } } };
      };
    };
    cached = root.google.logging.v2.LoggingServiceV2.service;
  }
  return cached;
}

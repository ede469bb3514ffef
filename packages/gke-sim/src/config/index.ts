export * from './types';
export type { SimulatedClusterOptions, SimulatorOptions } from './options';
export { DEMO_CLUSTERS, DEFAULT_PORTS, demoTokens } from './demoClusters';
export {
  parseCommandLine,
  commandLineHelp,
  parseFaults,
  parsePools,
} from './flags';
export type { ParsedCommandLine } from './flags';

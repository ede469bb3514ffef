export { AgentPipeline } from './AgentPipeline';
export { parseFluentBitConfig } from './parseFluentBitConfig';
export type { FluentBitConfig, FluentBitSection } from './parseFluentBitConfig';

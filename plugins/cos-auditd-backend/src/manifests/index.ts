export { DEFAULT_IMAGES } from './images';
export type { AuditdImages } from './images';
export { manifestToYaml } from './manifestToYaml';
export { renderAgentConfig } from './renderAgentConfig';
export { renderDisableDaemonSet } from './renderDisableDaemonSet';
export { renderManifest } from './renderManifest';
export type { AuditdManifest, ManifestOptions } from './renderManifest';
export { specHash } from './specHash';
export * from './names';

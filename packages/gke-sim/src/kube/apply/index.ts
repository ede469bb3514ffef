export { applyConfiguration, recordUpdate } from './serverSideApply';
export { mergePatch, strategicMergePatch, jsonPatch } from './patches';

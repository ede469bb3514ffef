export { readActiveFilters } from './readActiveFilters';
export type { LiveAgentConfigMaps } from './readActiveFilters';

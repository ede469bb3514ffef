export {
  FiltersCard,
  FiltersCardView,
  describeExclusions,
} from './FiltersCard';
export type { FiltersCardProps, FiltersCardViewProps } from './FiltersCard';
export { useActiveFilters } from './useActiveFilters';
export type { UseActiveFiltersResult } from './useActiveFilters';

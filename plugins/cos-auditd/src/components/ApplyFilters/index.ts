export { ApplyFiltersButton } from './ApplyFiltersButton';
export type {
  ApplyFiltersButtonProps,
  ApplyFiltersMode,
} from './ApplyFiltersButton';
export { FilterSpecEditor } from './FilterSpecEditor';
export type { FilterSpecEditorProps } from './FilterSpecEditor';
export { useApplyFilters } from './useApplyFilters';
export type {
  ApplyFiltersOutcome,
  UseApplyFiltersResult,
} from './useApplyFilters';
export { useManifestPreview } from './useManifestPreview';
export type { UseManifestPreviewResult } from './useManifestPreview';

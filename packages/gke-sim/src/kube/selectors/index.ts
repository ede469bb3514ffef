export {
  parseLabelSelector,
  fromSelectorSpec,
  matchesLabels,
} from './labelSelector';
export type {
  LabelSelector,
  LabelSelectorSpec,
  LabelRequirement,
} from './labelSelector';
export { parseFieldSelector, matchesFields } from './fieldSelector';
export type { FieldSelector } from './fieldSelector';

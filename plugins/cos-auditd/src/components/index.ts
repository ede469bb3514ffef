// The package's public components: the whole tab, and each card for apps
// that lay out their own entity pages. Buttons and hooks stay internal.
export { ClusterAuditLogging } from './EntityCosAuditdContent';
export type { ClusterAuditLoggingProps } from './EntityCosAuditdContent';
export { RolloutCard } from './RolloutCard';
export type { RolloutCardProps } from './RolloutCard';
export { FiltersCard } from './FiltersCard';
export type { FiltersCardProps } from './FiltersCard';
export { EventsCard } from './EventsCard';
export type { EventsCardProps } from './EventsCard';
export { OperationHistoryCard } from './OperationHistory';
export type { OperationHistoryCardProps } from './OperationHistory';

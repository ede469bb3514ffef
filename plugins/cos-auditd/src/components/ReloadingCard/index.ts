export { ReloadingCard } from './ReloadingCard';
export type { ReloadingCardProps } from './ReloadingCard';
export { useReloadingRequest } from './useReloadingRequest';
export type { ReloadingRequestState } from './useReloadingRequest';

import { useApi } from '@backstage/core-plugin-api';
import type { ActiveFilters } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { useCallback } from 'react';
import { cosAuditdApiRef } from '../../api';
import { ReloadingRequestState, useReloadingRequest } from '../ReloadingCard';

/** @public */
export type UseActiveFiltersResult = ReloadingRequestState<ActiveFilters>;

/**
 * Loads the filters of a cluster's live agent configuration. A change of
 * `refreshKey` (after an apply, say) reads them again while the previous
 * value stays on screen.
 *
 * @public
 */
export function useActiveFilters(
  entityRef: string,
  authProvider?: string,
  refreshKey?: number,
): UseActiveFiltersResult {
  const api = useApi(cosAuditdApiRef);
  const request = useCallback(
    () => api.getFilters(entityRef, { authProvider }),
    [api, entityRef, authProvider],
  );
  return useReloadingRequest(request, refreshKey);
}

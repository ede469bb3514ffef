import { useApi } from '@backstage/core-plugin-api';
import type { Operation } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { useCallback } from 'react';
import { cosAuditdApiRef } from '../../api';
import { ReloadingRequestState, useReloadingRequest } from '../ReloadingCard';

/** How many of a cluster's latest operations the history shows. @public */
export const OPERATION_HISTORY_LIMIT = 50;

/** The operations, newest first. @public */
export type UseOperationHistoryResult = ReloadingRequestState<Operation[]>;

/**
 * Loads a cluster's latest operations. A change of `refreshKey` (after an
 * apply or remove) reads them again, keeping the old rows on screen meanwhile.
 *
 * @public
 */
export function useOperationHistory(
  entityRef: string,
  refreshKey?: number,
): UseOperationHistoryResult {
  const api = useApi(cosAuditdApiRef);
  const request = useCallback(
    async () =>
      (await api.listOperations({ entityRef, limit: OPERATION_HISTORY_LIMIT }))
        .items,
    [api, entityRef],
  );
  return useReloadingRequest(request, refreshKey);
}

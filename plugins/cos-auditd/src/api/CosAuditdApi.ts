import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ActiveFilters,
  ApplyRequest,
  ApplyResult,
  AuditEventsPage,
  AuditEventType,
  ClusterStatus,
  ClusterSummary,
  FilterSpec,
  Operation,
  RemoveRequest,
  RemoveResult,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';

/**
 * What the cos-auditd backend says about its own state.
 *
 * @public
 */
export type CosAuditdHealth = {
  status: 'ok';
};

/**
 * Per-request options for the routes that reach a cluster's API server
 * (status, filters, apply, remove).
 *
 * @public
 */
export type CosAuditdClusterRequestOptions = {
  /**
   * The cluster entity's `kubernetes.io/auth-provider` annotation. When it is
   * `google`, the client sends the signed-in user's Google access token in the
   * `x-cos-auditd-google-token` header, so GKE's RBAC applies to that user.
   * Any other value (or none) sends no token.
   */
  authProvider?: string;
};

/**
 * Query of `GET /clusters/{namespace}/{name}/events`.
 *
 * @public
 */
export type ListAuditEventsQuery = {
  type: AuditEventType;
  /** ISO 8601; default an hour before `until`. */
  since?: string;
  /** ISO 8601; default now. */
  until?: string;
  node?: string;
  user?: string;
  q?: string;
  /** 1 to 500; default 50. */
  pageSize?: number;
  /** The previous page's `nextPageToken`. */
  pageToken?: string;
};

/**
 * Query of `GET /operations`.
 *
 * @public
 */
export type ListOperationsQuery = {
  /** Only this cluster's operations, e.g. `resource:default/demo-gke-prod`. */
  entityRef?: string;
  /** 1 to 500; default 50. */
  limit?: number;
};

/**
 * The frontend's view of the cos-auditd backend API.
 *
 * Every `entityRef` is a cluster entity reference such as
 * `resource:default/demo-gke-prod`; kind and namespace default to `resource`
 * and `default`. Failures reject with a `ResponseError` from
 * `@backstage/errors` carrying the backend's message.
 *
 * @public
 */
export interface CosAuditdApi {
  getHealth(): Promise<CosAuditdHealth>;
  /** Every cluster the user may read, with its phase and coverage. */
  listClusters(): Promise<{ items: ClusterSummary[] }>;
  getStatus(
    entityRef: string,
    options?: CosAuditdClusterRequestOptions,
  ): Promise<ClusterStatus>;
  getFilters(
    entityRef: string,
    options?: CosAuditdClusterRequestOptions,
  ): Promise<ActiveFilters>;
  /** The multi-document YAML an apply would send, as text. */
  getManifest(entityRef: string, filters?: FilterSpec): Promise<string>;
  apply(
    entityRef: string,
    request: ApplyRequest,
    options?: CosAuditdClusterRequestOptions,
  ): Promise<ApplyResult>;
  remove(
    entityRef: string,
    request: RemoveRequest,
    options?: CosAuditdClusterRequestOptions,
  ): Promise<RemoveResult>;
  listEvents(
    entityRef: string,
    query: ListAuditEventsQuery,
  ): Promise<AuditEventsPage>;
  listOperations(query?: ListOperationsQuery): Promise<{ items: Operation[] }>;
}

/**
 * The API reference through which components reach the cos-auditd backend.
 *
 * @public
 */
export const cosAuditdApiRef = createApiRef<CosAuditdApi>({
  id: 'plugin.cos-auditd.service',
});

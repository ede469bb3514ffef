import type { V1Node } from '@kubernetes/client-node';
import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  ActiveFilters,
  ApplyResult,
  AuditEventsPage,
  ClusterStatus,
  ClusterSummary,
  cosAuditdApplyPermission,
  cosAuditdEventsReadPermission,
  cosAuditdRemovePermission,
  cosAuditdStatusReadPermission,
  FilterSpec,
  Operation,
  RemoveMode,
  RemoveResult,
  ROLLOUT_PHASE_DESCRIPTIONS,
  validateFilterSpec,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import pLimit from 'p-limit';
import { readActiveFilters } from '../agentConfig';
import { ClusterResolver, ClusterTarget } from '../clusters';
import { CosAuditdConfig } from '../config';
import { detectDrift } from '../drift';
import {
  CloudLoggingReader,
  parseEventsQuery,
  readAuditEvents,
} from '../events';
import {
  ClusterTimeoutError,
  ClusterUnreachableError,
  KubeGateway,
} from '../kube';
import {
  manifestToYaml,
  renderDisableDaemonSet,
  renderManifest,
} from '../manifests';
import { computeClusterStatus, isAutopilot } from '../rollout';
import { OperationStore } from '../store';
import { applyAuditLogging } from './applyAuditLogging';
import { ClusterAuthorization } from './authorization';
import { clusterConnection } from './clusterConnection';
import { OperationRunner } from './OperationRunner';
import {
  readAgentConfigMaps,
  readApplyInputs,
  readClusterObjects,
} from './readClusterSnapshot';
import { removeAuditLogging } from './removeAuditLogging';

/** Who is asking, and the Google token they sent for `google` clusters. */
export type CallerContext = {
  credentials: BackstageCredentials;
  /** The user or service, as the history shows it. */
  actor: string;
  googleAccessToken?: string;
};

/** `{namespace}/{name}` of a cluster entity, from the path. */
export type ClusterRef = { namespace: string; name: string };

/** Filters for a new install: cost-aware, but keeps executions, logins and connections. */
export const DEFAULT_FILTERS: FilterSpec = { preset: 'balanced' };

/**
 * What the REST API offers, one method per route: finds the cluster in the
 * catalog, checks the caller's permission, reaches the cluster with its
 * configured credentials and records apply and remove as operations.
 */
export class CosAuditdService {
  readonly #config: CosAuditdConfig;
  readonly #clusters: ClusterResolver;
  readonly #kube: KubeGateway;
  readonly #logs: CloudLoggingReader;
  readonly #store: OperationStore;
  readonly #authorization: ClusterAuthorization;
  readonly #runner: OperationRunner;
  /** When each cluster last answered, for the message of an unreachable one. */
  readonly #lastReached = new Map<string, string>();

  static create(options: {
    config: CosAuditdConfig;
    clusters: ClusterResolver;
    kube: KubeGateway;
    logs: CloudLoggingReader;
    store: OperationStore;
    authorization: ClusterAuthorization;
    logger: LoggerService;
  }): CosAuditdService {
    return new CosAuditdService(options);
  }

  private constructor(options: {
    config: CosAuditdConfig;
    clusters: ClusterResolver;
    kube: KubeGateway;
    logs: CloudLoggingReader;
    store: OperationStore;
    authorization: ClusterAuthorization;
    logger: LoggerService;
  }) {
    this.#config = options.config;
    this.#clusters = options.clusters;
    this.#kube = options.kube;
    this.#logs = options.logs;
    this.#store = options.store;
    this.#authorization = options.authorization;
    this.#runner = OperationRunner.create({
      store: options.store,
      logger: options.logger,
    });
  }

  async status(ref: ClusterRef, caller: CallerContext): Promise<ClusterStatus> {
    const target = await this.#authorizedTarget(
      ref,
      cosAuditdStatusReadPermission,
      caller,
    );
    return this.#statusOf(target, caller);
  }

  async filters(
    ref: ClusterRef,
    caller: CallerContext,
  ): Promise<ActiveFilters> {
    const target = await this.#authorizedTarget(
      ref,
      cosAuditdStatusReadPermission,
      caller,
    );
    const client = this.#client(target, caller);
    const configMaps = await readAgentConfigMaps(client);
    this.#lastReached.set(target.entityRef, new Date().toISOString());
    return { entityRef: target.entityRef, ...readActiveFilters(configMaps) };
  }

  /** Recent execve or login events; `rawQuery` is the untrusted query string. */
  async events(
    ref: ClusterRef,
    rawQuery: Record<string, unknown>,
    caller: CallerContext,
  ): Promise<AuditEventsPage> {
    const query = parseEventsQuery(rawQuery, new Date());
    const target = await this.#authorizedTarget(
      ref,
      cosAuditdEventsReadPermission,
      caller,
    );
    const settings = this.#config.clusters.get(target.entityRef)?.logging;
    return readAuditEvents({
      reader: this.#logs,
      source: target.gke,
      logProject: settings?.project ?? target.gke.project,
      credentials: settings,
      query,
      maskSecrets: this.#config.logging.maskSecrets,
    });
  }

  /** The YAML an apply would send; `filters` is untrusted JSON text from the query. */
  async manifest(
    ref: ClusterRef,
    filtersJson: string | undefined,
    caller: CallerContext,
  ): Promise<string> {
    const requested =
      filtersJson === undefined ? undefined : parseFiltersJson(filtersJson);
    const target = await this.#authorizedTarget(
      ref,
      cosAuditdStatusReadPermission,
      caller,
    );
    const filters =
      requested ??
      readActiveFilters(await readAgentConfigMaps(this.#client(target, caller)))
        .spec ??
      DEFAULT_FILTERS;
    const manifest = this.#render(target, filters);
    return manifestToYaml([
      manifest.namespace,
      manifest.configMap,
      manifest.daemonSet,
    ]);
  }

  async apply(
    ref: ClusterRef,
    request: { filters?: unknown; dryRun?: boolean },
    caller: CallerContext,
  ): Promise<ApplyResult> {
    const requested =
      request.filters === undefined
        ? undefined
        : checkedFilters(request.filters);
    const dryRun = request.dryRun ?? false;
    const target = await this.#authorizedTarget(
      ref,
      cosAuditdApplyPermission,
      caller,
    );
    const client = this.#client(target, caller);
    const live = await readApplyInputs(client);
    refuseUnsupported(target, live);
    // Without filters, keep what this plugin applied before.
    const filters =
      requested ?? readActiveFilters(live).spec ?? DEFAULT_FILTERS;
    const manifest = this.#render(target, filters);
    let changes: ApplyResult['changes'] = [];
    const operation = await this.#runner.run(
      {
        entityRef: target.entityRef,
        kind: 'apply',
        actor: caller.actor,
        dryRun,
        spec: filters,
        mode: null,
      },
      async () => {
        const result = await applyAuditLogging({
          client,
          manifest,
          live,
          dryRun,
        });
        changes = result.changes;
        return result;
      },
    );
    return { operation, changes };
  }

  async remove(
    ref: ClusterRef,
    request: { mode?: RemoveMode },
    caller: CallerContext,
  ): Promise<RemoveResult> {
    const mode = request.mode ?? 'disable';
    const target = await this.#authorizedTarget(
      ref,
      cosAuditdRemovePermission,
      caller,
    );
    const client = this.#client(target, caller);
    const operation = await this.#runner.run(
      {
        entityRef: target.entityRef,
        kind: 'remove',
        actor: caller.actor,
        dryRun: false,
        spec: null,
        mode,
      },
      progress =>
        removeAuditLogging({
          client,
          target,
          mode,
          progress,
          settings: {
            disableDaemonSet: renderDisableDaemonSet({
              entityRef: target.entityRef,
              images: this.#config.images,
            }),
            ...this.#config.remove,
          },
        }),
    );
    return {
      operation,
      nodes: operation.nodes,
      recreation: operation.recreation,
    };
  }

  /** Every cluster the caller may read, each read on its own: one failing cluster is one failing item. */
  async listClusters(caller: CallerContext): Promise<ClusterSummary[]> {
    const entities = await this.#clusters.list(caller);
    const allowed = await this.#authorization.filter(
      cosAuditdStatusReadPermission,
      entities.map(e => stringifyEntityRef(e)),
      caller.credentials,
    );
    const visible = entities.filter(e => allowed.has(stringifyEntityRef(e)));
    const latest = await this.#store.latestByEntity([...allowed]);
    const limit = pLimit(this.#config.statusConcurrency);
    return Promise.all(
      visible.map(entity =>
        limit(async (): Promise<ClusterSummary> => {
          const entityRef = stringifyEntityRef(entity);
          const lastOperation = summaryOf(latest.get(entityRef));
          const title = entity.metadata.title ?? entity.metadata.name;
          try {
            const target = this.#clusters.targetOf(entity);
            const status = await this.#statusOf(target, caller);
            const covered = status.nodes.filter(n => n.covered).length;
            return {
              entityRef,
              title,
              phase: status.phase,
              message: status.message,
              coverage: {
                covered,
                eligible: status.nodes.filter(n => n.cos).length,
                total: status.nodes.length,
              },
              lastOperation,
              checkedAt: status.checkedAt,
            };
          } catch (error) {
            return {
              entityRef,
              title,
              phase: 'unreachable',
              message: (error as Error).message,
              coverage: { covered: 0, eligible: 0, total: 0 },
              lastOperation,
              checkedAt: new Date().toISOString(),
            };
          }
        }),
      ),
    );
  }

  async listOperations(
    query: { entityRef?: string; limit?: number },
    caller: CallerContext,
  ): Promise<Operation[]> {
    if (query.entityRef !== undefined) {
      await this.#authorization.require(
        cosAuditdStatusReadPermission,
        query.entityRef,
        caller.credentials,
      );
      return this.#store.list(query);
    }
    const operations = await this.#store.list(query);
    const allowed = await this.#authorization.filter(
      cosAuditdStatusReadPermission,
      [...new Set(operations.map(o => o.entityRef))],
      caller.credentials,
    );
    return operations.filter(o => allowed.has(o.entityRef));
  }

  /** The cluster entity, once the caller is known to hold `permission` on it. */
  async #authorizedTarget(
    ref: ClusterRef,
    permission: Parameters<ClusterAuthorization['require']>[0],
    caller: CallerContext,
  ): Promise<ClusterTarget> {
    const target = await this.#clusters.resolve(ref, caller);
    await this.#authorization.require(
      permission,
      target.entityRef,
      caller.credentials,
    );
    return target;
  }

  async #statusOf(
    target: ClusterTarget,
    caller: CallerContext,
  ): Promise<ClusterStatus> {
    const checkedAt = new Date().toISOString();
    let live;
    try {
      live = await readClusterObjects(this.#client(target, caller));
    } catch (error) {
      if (
        error instanceof ClusterUnreachableError ||
        error instanceof ClusterTimeoutError
      ) {
        const lastReached = this.#lastReached.get(target.entityRef);
        return {
          entityRef: target.entityRef,
          phase: 'unreachable',
          message: `${ROLLOUT_PHASE_DESCRIPTIONS.unreachable} ${error.message}${
            lastReached ? ` Last reached at ${lastReached}.` : ''
          }`,
          daemonSet: null,
          nodes: [],
          agent: null,
          drift: [],
          checkedAt,
        };
      }
      throw error;
    }
    this.#lastReached.set(target.entityRef, checkedAt);
    const lastRemoval = await this.#lastRemoval(target.entityRef);
    const computed = computeClusterStatus({ ...live, lastRemoval });
    const liveFilters = readActiveFilters(live);
    const drift =
      live.loggingDaemonSet || live.fluentBitConfigMap || live.legacyConfigMap
        ? detectDrift(
            {
              daemonSet: live.loggingDaemonSet,
              configMap: live.fluentBitConfigMap,
              legacyConfigMap: live.legacyConfigMap,
            },
            this.#render(target, liveFilters.spec ?? DEFAULT_FILTERS),
          )
        : [];
    return {
      entityRef: target.entityRef,
      phase: computed.phase,
      message: computed.message,
      daemonSet: computed.daemonSet,
      nodes: computed.nodes,
      agent: computed.agent,
      drift,
      checkedAt,
    };
  }

  /** The last removal, unless an apply finished after it. */
  async #lastRemoval(entityRef: string) {
    const [removal, apply] = await Promise.all([
      this.#store.latestFinished(entityRef, 'remove'),
      this.#store.latestFinished(entityRef, 'apply'),
    ]);
    if (
      !removal ||
      removal.outcome !== 'succeeded' ||
      (apply && (apply.finishedAt ?? '') > (removal.finishedAt ?? ''))
    ) {
      return null;
    }
    return { nodes: removal.nodes, finishedAt: removal.finishedAt ?? '' };
  }

  #client(target: ClusterTarget, caller: CallerContext) {
    return this.#kube.forCluster(
      clusterConnection(target, this.#config, {
        googleAccessToken: caller.googleAccessToken,
      }),
    );
  }

  #render(target: ClusterTarget, filters: FilterSpec) {
    return renderManifest({
      entityRef: target.entityRef,
      clusterName: target.gke.clusterName,
      clusterLocation: target.gke.location,
      images: this.#config.images,
      filters,
    });
  }
}

function checkedFilters(input: unknown): FilterSpec {
  const validation = validateFilterSpec(input);
  if (!validation.valid) {
    throw new InputError(`Invalid filters: ${validation.problems.join('; ')}`);
  }
  return validation.spec;
}

function parseFiltersJson(text: string): FilterSpec {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InputError('The filters query parameter is not JSON');
  }
  return checkedFilters(parsed);
}

function refuseUnsupported(
  target: ClusterTarget,
  sample: { anyNodes: V1Node[]; cosNodes: V1Node[] },
) {
  if (isAutopilot(sample.anyNodes)) {
    throw new InputError(
      `${target.entityRef} is a GKE Autopilot cluster: Autopilot does not allow the privileged DaemonSet that turns on audit logging, so cos-auditd cannot be installed there`,
    );
  }
  if (sample.cosNodes.length === 0) {
    throw new InputError(
      `${target.entityRef} has no Container-Optimized OS nodes: cos-auditd works only on COS node pools`,
    );
  }
}

function summaryOf(operation: Operation | undefined) {
  if (!operation) {
    return null;
  }
  const { id, entityRef, kind, outcome, startedAt, finishedAt } = operation;
  return { id, entityRef, kind, outcome, startedAt, finishedAt };
}

import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CLUSTER_ANNOTATIONS,
  KUBERNETES_ANNOTATIONS,
  KUBERNETES_CLUSTER_RESOURCE_TYPE,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { clusterUrlProblem } from './clusterUrlPolicy';
import { AUTH_PROVIDERS, AuthProvider, ClusterTarget } from './ClusterTarget';

// What Kubernetes allows in names and namespaces, and what the catalog
// allows in entity names: anything else cannot be a cluster entity.
const NAMESPACE_PATTERN = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const NAME_PATTERN = /^[a-zA-Z0-9]([-_.a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$/;
const GKE_LOCATION_PATTERN = /^[a-z]+-[a-z]+[0-9]+(-[a-z])?$/;
const GCP_PROJECT_PATTERN = /^[a-z][-a-z0-9:.]{4,61}[a-z0-9]$/;

/**
 * Finds cluster entities in the catalog, with the caller's credentials so
 * the catalog's own permissions apply, and checks that each has what the
 * plugin needs: the Kubernetes plugin's annotations and the GKE identity.
 */
export class ClusterResolver {
  readonly #catalog: CatalogService;
  readonly #allowedOrigins: ReadonlySet<string>;

  static create(options: {
    catalog: CatalogService;
    allowedClusterOrigins: ReadonlySet<string>;
  }): ClusterResolver {
    return new ClusterResolver(options.catalog, options.allowedClusterOrigins);
  }

  private constructor(
    catalog: CatalogService,
    allowedOrigins: ReadonlySet<string>,
  ) {
    this.#catalog = catalog;
    this.#allowedOrigins = allowedOrigins;
  }

  /** The cluster `resource:{namespace}/{name}`; 400 for a malformed ref, 404 when the catalog has no such entity. */
  async resolve(
    ref: { namespace: string; name: string },
    options: { credentials: BackstageCredentials },
  ): Promise<ClusterTarget> {
    const entityRef = clusterEntityRef(ref);
    const entity = await this.#catalog.getEntityByRef(entityRef, options);
    if (!entity) {
      throw new NotFoundError(`No catalog entity ${entityRef}`);
    }
    return this.targetOf(entity);
  }

  /** Every kubernetes-cluster resource the caller may read. */
  async list(options: {
    credentials: BackstageCredentials;
  }): Promise<Entity[]> {
    const { items } = await this.#catalog.getEntities(
      {
        filter: {
          kind: 'Resource',
          'spec.type': KUBERNETES_CLUSTER_RESOURCE_TYPE,
        },
      },
      options,
    );
    return items;
  }

  /** Checks a cluster entity; 400 naming the missing or invalid annotation. */
  targetOf(entity: Entity): ClusterTarget {
    const entityRef = stringifyEntityRef(entity);
    if (
      entity.kind.toLowerCase() !== 'resource' ||
      entity.spec?.type !== KUBERNETES_CLUSTER_RESOURCE_TYPE
    ) {
      throw new InputError(
        `${entityRef} is not a cluster: cos-auditd works on Resource entities of spec.type ${KUBERNETES_CLUSTER_RESOURCE_TYPE}`,
      );
    }
    const annotations = entity.metadata.annotations ?? {};
    const required = (key: string) => {
      const value = annotations[key]?.trim();
      if (!value) {
        throw new InputError(
          `${entityRef} lacks the annotation ${key}, which cos-auditd needs`,
        );
      }
      return value;
    };
    const url = required(KUBERNETES_ANNOTATIONS.apiServer);
    const urlProblem = clusterUrlProblem(url, this.#allowedOrigins);
    if (urlProblem) {
      throw new InputError(
        `${entityRef}: the API server URL in ${KUBERNETES_ANNOTATIONS.apiServer} is refused: ${urlProblem}`,
      );
    }
    const authProvider = required(KUBERNETES_ANNOTATIONS.authProvider);
    if (!(AUTH_PROVIDERS as readonly string[]).includes(authProvider)) {
      throw new InputError(
        `${entityRef}: ${
          KUBERNETES_ANNOTATIONS.authProvider
        } is "${authProvider}"; cos-auditd supports ${AUTH_PROVIDERS.join(
          ', ',
        )}`,
      );
    }
    const project = required(CLUSTER_ANNOTATIONS.gcpProject);
    if (!GCP_PROJECT_PATTERN.test(project)) {
      throw new InputError(
        `${entityRef}: ${CLUSTER_ANNOTATIONS.gcpProject} "${project}" is not a Google Cloud project id`,
      );
    }
    const location = required(CLUSTER_ANNOTATIONS.gkeLocation);
    if (!GKE_LOCATION_PATTERN.test(location)) {
      throw new InputError(
        `${entityRef}: ${CLUSTER_ANNOTATIONS.gkeLocation} "${location}" is not a GKE zone or region`,
      );
    }
    const clusterName =
      annotations[CLUSTER_ANNOTATIONS.gkeClusterName]?.trim() ||
      entity.metadata.name;
    if (!/^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/.test(clusterName)) {
      throw new InputError(
        `${entityRef}: "${clusterName}" is not a GKE cluster name; set ${CLUSTER_ANNOTATIONS.gkeClusterName}`,
      );
    }
    return {
      entity,
      entityRef,
      title: entity.metadata.title ?? entity.metadata.name,
      url,
      caData: annotations[KUBERNETES_ANNOTATIONS.apiServerCertificateAuthority],
      authProvider: authProvider as AuthProvider,
      gke: { project, location, clusterName },
    };
  }
}

/** `resource:{namespace}/{name}` from path parameters; 400 when either is malformed. */
export function clusterEntityRef(ref: { namespace: string; name: string }) {
  if (!NAMESPACE_PATTERN.test(ref.namespace)) {
    throw new InputError(`"${ref.namespace}" is not a catalog namespace`);
  }
  if (!NAME_PATTERN.test(ref.name)) {
    throw new InputError(`"${ref.name}" is not a catalog entity name`);
  }
  return `resource:${ref.namespace}/${ref.name}`;
}

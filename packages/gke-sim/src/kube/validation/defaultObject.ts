import { isJsonObject, JsonObject, KubeObject } from '../objects';
import { ResourceType } from '../resources';

/**
 * The defaults the API server fills in before storing, for the fields the
 * simulator's controller and clients read. Defaults are owned by no field
 * manager, and filling them is idempotent, so re-applies stay no-ops.
 */
export function defaultObject(
  resource: ResourceType,
  object: KubeObject,
): KubeObject {
  switch (resource.plural) {
    case 'daemonsets':
      return { ...object, spec: defaultDaemonSetSpec(object.spec) };
    case 'namespaces':
      return {
        ...object,
        spec: {
          finalizers: ['kubernetes'],
          ...(isJsonObject(object.spec) ? object.spec : {}),
        },
        status: isJsonObject(object.status)
          ? object.status
          : { phase: 'Active' },
      };
    default:
      return object;
  }
}

function defaultDaemonSetSpec(spec: unknown): unknown {
  if (!isJsonObject(spec)) {
    return spec;
  }
  const strategy = isJsonObject(spec.updateStrategy) ? spec.updateStrategy : {};
  const type = strategy.type ?? 'RollingUpdate';
  const rollingUpdate =
    type === 'RollingUpdate'
      ? {
          maxUnavailable: 1,
          maxSurge: 0,
          ...(isJsonObject(strategy.rollingUpdate)
            ? strategy.rollingUpdate
            : {}),
        }
      : undefined;
  const template = isJsonObject(spec.template) ? spec.template : undefined;
  return {
    revisionHistoryLimit: 10,
    ...spec,
    updateStrategy: {
      ...strategy,
      type,
      ...(rollingUpdate ? { rollingUpdate } : {}),
    },
    ...(template
      ? { template: { ...template, spec: defaultPodSpec(template.spec) } }
      : {}),
  };
}

function defaultPodSpec(spec: unknown): unknown {
  if (!isJsonObject(spec)) {
    return spec;
  }
  return {
    restartPolicy: 'Always',
    dnsPolicy: 'ClusterFirst',
    schedulerName: 'default-scheduler',
    terminationGracePeriodSeconds: 30,
    securityContext: {},
    ...spec,
    ...(Array.isArray(spec.containers)
      ? { containers: spec.containers.map(defaultContainer) }
      : {}),
    ...(Array.isArray(spec.initContainers)
      ? { initContainers: spec.initContainers.map(defaultContainer) }
      : {}),
  };
}

function defaultContainer(container: unknown): unknown {
  if (!isJsonObject(container)) {
    return container;
  }
  const image = typeof container.image === 'string' ? container.image : '';
  const tagged = /:[^/]+$/.test(image) || image.includes('@');
  const latest = !tagged || image.endsWith(':latest');
  const defaulted: JsonObject = {
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: latest ? 'Always' : 'IfNotPresent',
    resources: {},
    ...container,
  };
  if (Array.isArray(container.ports)) {
    defaulted.ports = container.ports.map(port =>
      isJsonObject(port) ? { protocol: 'TCP', ...port } : port,
    );
  }
  return defaulted;
}

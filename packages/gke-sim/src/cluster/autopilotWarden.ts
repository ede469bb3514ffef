import {
  AdmissionRequest,
  DAEMONSETS,
  isJsonObject,
  KubeError,
  PODS,
} from '../kube';

/**
 * GKE Autopilot's admission webhook (GKE Warden) as far as cos-auditd meets
 * it: workloads with privileged containers are refused with 403.
 */
export function admitOnAutopilot(request: AdmissionRequest) {
  const podSpec = podSpecOf(request);
  if (!podSpec) {
    return;
  }
  const privileged = ['initContainers', 'containers'].flatMap(list => {
    const containers = podSpec[list];
    return Array.isArray(containers)
      ? containers.filter(
          c =>
            isJsonObject(c) &&
            isJsonObject(c.securityContext) &&
            c.securityContext.privileged === true,
        )
      : [];
  });
  if (privileged.length === 0) {
    return;
  }
  const violations = privileged.map(
    c => `container ${String(c.name)} is privileged; not allowed in Autopilot`,
  );
  const { resource, object, user } = request;
  throw new KubeError(
    403,
    'Forbidden',
    `admission webhook "warden-validating.common-webhooks.networking.gke.io" denied the request: GKE Warden rejected the request because it violates one or more constraints.\nViolations details: ${JSON.stringify(
      { '[denied by autogke-disallow-privilege]': violations },
    )}\nRequested by user: '${user}' and groups: 'system:authenticated'.`,
    {
      name: object.metadata.name,
      group: resource.group,
      kind: resource.plural,
    },
  );
}

function podSpecOf(
  request: AdmissionRequest,
): Record<string, unknown> | undefined {
  const spec = request.object.spec;
  if (!isJsonObject(spec)) {
    return undefined;
  }
  if (request.resource === PODS) {
    return spec;
  }
  if (
    request.resource === DAEMONSETS &&
    isJsonObject(spec.template) &&
    isJsonObject(spec.template.spec)
  ) {
    return spec.template.spec;
  }
  return undefined;
}

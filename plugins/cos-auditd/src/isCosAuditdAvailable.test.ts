import { Entity } from '@backstage/catalog-model';
import { isCosAuditdAvailable } from './isCosAuditdAvailable';

function entity(overrides: {
  kind?: string;
  type?: string;
  annotations?: Record<string, string>;
}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: overrides.kind ?? 'Resource',
    metadata: {
      name: 'demo-gke-prod',
      annotations: overrides.annotations ?? {
        'kubernetes.io/api-server': 'https://34.1.2.3',
        'cos-auditd.io/gcp-project': 'demo-project',
      },
    },
    spec: { type: 'type' in overrides ? overrides.type : 'kubernetes-cluster' },
  };
}

describe('isCosAuditdAvailable', () => {
  it.each<[string, Entity, boolean]>([
    ['a complete cluster resource', entity({}), true],
    ['kind in another case', entity({ kind: 'resource' }), true],
    ['a component', entity({ kind: 'Component' }), false],
    ['another resource type', entity({ type: 'database' }), false],
    ['no spec.type', entity({ type: undefined }), false],
    [
      'no api-server annotation',
      entity({ annotations: { 'cos-auditd.io/gcp-project': 'p' } }),
      false,
    ],
    [
      'no gcp-project annotation',
      entity({ annotations: { 'kubernetes.io/api-server': 'https://x' } }),
      false,
    ],
    [
      'empty annotation values',
      entity({
        annotations: {
          'kubernetes.io/api-server': '',
          'cos-auditd.io/gcp-project': '',
        },
      }),
      false,
    ],
    [
      'no annotations at all',
      { ...entity({}), metadata: { name: 'x' } },
      false,
    ],
  ])('%s → %s', (_, e, expected) => {
    expect(isCosAuditdAvailable(e)).toBe(expected);
  });
});

import { KubeObject } from '../objects';
import { CONFIGMAPS, DAEMONSETS } from '../resources';
import { applyConfiguration, recordUpdate } from './serverSideApply';

function configMap(
  data: Record<string, string>,
  labels?: Record<string, string>,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cm', namespace: 'ns', ...(labels ? { labels } : {}) },
    data,
  };
}

function daemonSet(containers: object[]): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'ds', namespace: 'ns' },
    spec: { template: { spec: { containers } } },
  };
}

const now = '2026-01-01T00:00:00Z';

function apply(
  live: KubeObject | undefined,
  applied: KubeObject,
  manager = 'a',
  force = false,
) {
  const resource = applied.kind === 'DaemonSet' ? DAEMONSETS : CONFIGMAPS;
  return applyConfiguration({ resource, live, applied, manager, force, now });
}

describe('applyConfiguration', () => {
  it('creates the object with an Apply entry in managedFields', () => {
    const created = apply(undefined, configMap({ k: 'v' }));

    expect(created.data).toEqual({ k: 'v' });
    expect(created.metadata.managedFields).toEqual([
      {
        manager: 'a',
        operation: 'Apply',
        apiVersion: 'v1',
        time: now,
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { 'f:k': {} } },
      },
    ]);
  });

  it('returns the live object unchanged when the same configuration is applied again', () => {
    const live = apply(undefined, configMap({ k: 'v' }, { app: 'x' }));

    expect(apply(live, configMap({ k: 'v' }, { app: 'x' }))).toEqual(live);
  });

  it('removes fields the manager stops applying', () => {
    const live = apply(
      undefined,
      configMap({ k: 'v', old: 'x' }, { app: 'x' }),
    );

    const next = apply(live, configMap({ k: 'v' }));

    expect(next.data).toEqual({ k: 'v' });
    expect(next.metadata.labels).toBeUndefined();
  });

  it('keeps a dropped field that another manager also owns', () => {
    const first = apply(undefined, configMap({ shared: 'v', mine: 'x' }), 'a');
    const both = apply(first, configMap({ shared: 'v' }), 'b');

    const next = apply(both, configMap({ mine: 'x' }), 'a');

    expect(next.data).toEqual({ shared: 'v', mine: 'x' });
  });

  it('refuses to change a field another manager owns, naming it like the real conflict', () => {
    const live = apply(
      undefined,
      daemonSet([{ name: 'agent', image: 'one' }]),
      'a',
    );

    expect(() =>
      apply(live, daemonSet([{ name: 'agent', image: 'two' }]), 'b'),
    ).toThrow(
      expect.objectContaining({
        code: 409,
        reason: 'Conflict',
        message:
          'Apply failed with 1 conflict: conflict with "a" using apps/v1: .spec.template.spec.containers[name="agent"].image',
        details: expect.objectContaining({
          causes: [
            {
              reason: 'FieldManagerConflict',
              message: 'conflict with "a" using apps/v1',
              field: '.spec.template.spec.containers[name="agent"].image',
            },
          ],
        }),
      }),
    );
  });

  it('takes ownership of a conflicting field when forced', () => {
    const live = apply(
      undefined,
      daemonSet([{ name: 'agent', image: 'one' }]),
      'a',
    );

    const forced = apply(
      live,
      daemonSet([{ name: 'agent', image: 'two' }]),
      'b',
      true,
    );
    const dropped = apply(forced, daemonSet([{ name: 'agent' }]), 'b');

    expect(JSON.stringify(forced.spec)).toContain('"two"');
    expect(JSON.stringify(dropped.spec)).not.toContain('"image"');
  });

  it('merges containers by name instead of replacing the list', () => {
    const live = apply(
      undefined,
      daemonSet([{ name: 'agent', image: 'one' }]),
      'a',
    );

    const next = apply(
      live,
      daemonSet([{ name: 'sidecar', image: 'two' }]),
      'b',
    );

    const containers = (
      next.spec as { template: { spec: { containers: object[] } } }
    ).template.spec.containers;
    expect(containers).toEqual([
      { name: 'agent', image: 'one' },
      { name: 'sidecar', image: 'two' },
    ]);
  });

  it('removes a container the manager stops applying', () => {
    const live = apply(
      undefined,
      daemonSet([
        { name: 'agent', image: 'one' },
        { name: 'old', image: 'x' },
      ]),
    );

    const next = apply(live, daemonSet([{ name: 'agent', image: 'one' }]));

    const containers = (
      next.spec as { template: { spec: { containers: object[] } } }
    ).template.spec.containers;
    expect(containers).toEqual([{ name: 'agent', image: 'one' }]);
  });
});

describe('recordUpdate', () => {
  it('gives an updater the fields it changed, taking them from the appliers', () => {
    const live = apply(undefined, configMap({ k: 'v', other: 'o' }), 'a');

    const updated = recordUpdate({
      resource: CONFIGMAPS,
      before: live,
      after: { ...live, data: { k: 'changed', other: 'o' } },
      manager: 'kubectl-edit',
      now,
    });

    expect(
      updated.metadata.managedFields?.map(e => [
        e.manager,
        e.operation,
        e.fieldsV1,
      ]),
    ).toEqual([
      ['a', 'Apply', { 'f:data': { 'f:other': {} } }],
      ['kubectl-edit', 'Update', { 'f:data': { 'f:k': {} } }],
    ]);
  });
});

import type { KubernetesObject } from '@kubernetes/client-node';
import { applyAction } from './applyAction';

function configMap(
  overrides: {
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    data?: Record<string, string>;
  } = {},
): KubernetesObject {
  const {
    resourceVersion = '10',
    labels = { app: 'cos-auditd' },
    annotations,
    data = { 'fluent-bit.conf': '[INPUT]' },
  } = overrides;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'cos-auditd-fluent-bit-config',
      namespace: 'cos-auditd',
      resourceVersion,
      labels,
      ...(annotations ? { annotations } : {}),
    },
    data,
  } as KubernetesObject;
}

describe('applyAction', () => {
  it.each([true, false])(
    'says created when nothing was there before (dry run %s)',
    dryRun => {
      expect(applyAction(null, configMap(), { dryRun })).toBe('created');
    },
  );

  it('says unchanged when an apply kept the resourceVersion', () => {
    expect(applyAction(configMap(), configMap(), { dryRun: false })).toBe(
      'unchanged',
    );
  });

  it('says configured when an apply changed what this plugin writes', () => {
    expect(
      applyAction(
        configMap(),
        configMap({
          resourceVersion: '11',
          data: { 'fluent-bit.conf': '[FILTER]' },
        }),
        { dryRun: false },
      ),
    ).toBe('configured');
  });

  it('says unchanged when only status moved the resourceVersion', () => {
    // A DaemonSet controller writes status during a rollout, between the
    // read and the apply.
    expect(
      applyAction(configMap(), configMap({ resourceVersion: '11' }), {
        dryRun: false,
      }),
    ).toBe('unchanged');
  });

  it.each([
    ['data', configMap({ data: { 'fluent-bit.conf': '[FILTER]' } })],
    ['labels', configMap({ labels: { app: 'other' } })],
    [
      'annotations',
      configMap({ annotations: { 'cos-auditd.io/spec-hash': 'b' } }),
    ],
  ])('says a dry run configures when %s would change', (_field, answer) => {
    expect(applyAction(configMap(), answer, { dryRun: true })).toBe(
      'configured',
    );
  });

  it('says a dry run leaves unchanged what equals the live object', () => {
    const answer = configMap();
    // A dry run's answer may carry server-side noise this plugin does not write.
    answer.metadata!.managedFields = [{ manager: 'backstage-cos-auditd' }];
    expect(applyAction(configMap(), answer, { dryRun: true })).toBe(
      'unchanged',
    );
  });
});

import { KubeObject } from '../kube';
import { shouldRunOn } from './scheduling';

function node(
  labels: Record<string, string>,
  taints: object[] = [],
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'n', labels },
    spec: { taints },
  };
}

const cos = { 'cloud.google.com/gke-os-distribution': 'cos' };
const noSchedule = { key: 'dedicated', value: 'audit', effect: 'NoSchedule' };

describe('shouldRunOn', () => {
  it.each([
    ['a matching nodeSelector', { nodeSelector: cos }, node(cos), true],
    [
      'a nodeSelector of another OS',
      { nodeSelector: cos },
      node({ 'cloud.google.com/gke-os-distribution': 'ubuntu' }),
      false,
    ],
    ['an untolerated NoSchedule taint', {}, node(cos, [noSchedule]), false],
    [
      'a PreferNoSchedule taint',
      {},
      node(cos, [{ key: 'x', effect: 'PreferNoSchedule' }]),
      true,
    ],
    [
      'an Exists toleration for the effect',
      { tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }] },
      node(cos, [noSchedule]),
      true,
    ],
    [
      'an Equal toleration with the value',
      {
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'audit' }],
      },
      node(cos, [noSchedule]),
      true,
    ],
    [
      'an Equal toleration with another value',
      { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'x' }] },
      node(cos, [noSchedule]),
      false,
    ],
    [
      'node affinity In',
      { affinity: affinity('In', ['cos']) },
      node(cos),
      true,
    ],
    [
      'node affinity NotIn',
      { affinity: affinity('NotIn', ['cos']) },
      node(cos),
      false,
    ],
    ['node affinity Exists', { affinity: affinity('Exists') }, node(cos), true],
  ])('with %s', (_case, spec, target, expected) => {
    expect(shouldRunOn(spec, target)).toBe(expected);
  });
});

function affinity(operator: string, values?: string[]) {
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          {
            matchExpressions: [
              { key: 'cloud.google.com/gke-os-distribution', operator, values },
            ],
          },
        ],
      },
    },
  };
}

import { PODS } from '../resources';
import { matchesFields, parseFieldSelector } from './fieldSelector';
import { matchesLabels, parseLabelSelector } from './labelSelector';

describe('label selectors', () => {
  const labels = { app: 'agent', tier: 'node' };

  it.each([
    ['app=agent', true],
    ['app==agent', true],
    ['app!=agent', false],
    ['app in (agent,other)', true],
    ['app notin (agent)', false],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['app=agent,tier=node', true],
    ['app=agent,tier=other', false],
    ['missing!=x', true],
    ['', true],
  ])('"%s" matches: %s', (text, expected) => {
    expect(matchesLabels(parseLabelSelector(text), labels)).toBe(expected);
  });

  it('refuses an invalid key with 400', () => {
    expect(() => parseLabelSelector('bad key=1')).toThrow(
      expect.objectContaining({ code: 400 }),
    );
  });
});

describe('field selectors', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'ns' },
    spec: { nodeName: 'node-1' },
  };

  it.each([
    ['metadata.name=p', true],
    ['metadata.namespace=other', false],
    ['spec.nodeName=node-1', true],
    ['spec.nodeName!=node-1', false],
  ])('"%s" matches: %s', (text, expected) => {
    expect(matchesFields(parseFieldSelector(text, PODS), pod, PODS)).toBe(
      expected,
    );
  });

  it('refuses a field the resource cannot be selected by with 400', () => {
    expect(() => parseFieldSelector('spec.image=x', PODS)).toThrow(
      expect.objectContaining({ code: 400, reason: 'BadRequest' }),
    );
  });
});

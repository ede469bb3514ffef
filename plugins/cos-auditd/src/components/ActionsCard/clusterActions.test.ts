import {
  ROLLOUT_PHASES,
  RolloutPhase,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { clusterStatus } from '../../__testUtils__/factories';
import { clusterActions } from './clusterActions';

const OFFERED: Array<[RolloutPhase, string[]]> = [
  ['not-installed', ['enable']],
  ['disabled', ['enable']],
  ['removed-pending-node-recreation', ['enable']],
  ['rolling-out', ['updateFilters', 'disable']],
  ['active', ['updateFilters', 'disable']],
  ['degraded', ['updateFilters', 'disable']],
  ['disabling', []],
  ['unsupported', []],
  ['unreachable', []],
];

describe('clusterActions', () => {
  it.each(OFFERED)('in phase %s offers %j', (phase, offered) => {
    const actions = clusterActions(clusterStatus(phase));
    const names = (['enable', 'updateFilters', 'disable'] as const).filter(
      name => actions[name],
    );
    expect(names).toEqual(offered);
    expect(Boolean(actions.reason)).toBe(offered.length === 0);
  });

  it('is specified for every phase', () => {
    expect(OFFERED.map(([phase]) => phase).sort()).toEqual(
      [...ROLLOUT_PHASES].sort(),
    );
  });
});

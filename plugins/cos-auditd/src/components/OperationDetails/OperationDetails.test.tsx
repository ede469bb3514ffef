import { renderInTestApp } from '@backstage/frontend-test-utils';
import type {
  NodeOutcome,
  Operation,
  RecreationPlan,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { finishedOperation } from '../../__testUtils__/factories';
import { OperationDetails } from './OperationDetails';

const ENTITY = 'resource:default/demo-gke-prod';

function operation(overrides: Partial<Operation> = {}): Operation {
  return finishedOperation('remove', {
    id: 'op-1',
    entityRef: ENTITY,
    startedAt: '2024-05-01T10:00:00.000Z',
    finishedAt: '2024-05-01T10:03:05.000Z',
    actor: 'user:default/jane.doe',
    ...overrides,
  });
}

function nodeOutcome(
  node: string,
  outcome: NodeOutcome['outcome'],
  message?: string,
): NodeOutcome {
  return { node, pool: 'default-pool', outcome, message };
}

function recreationPlan(
  overrides: Partial<RecreationPlan> = {},
): RecreationPlan {
  return {
    pool: 'default-pool',
    nodes: ['node-d', 'node-e'],
    instanceGroups: [
      { name: 'gke-demo-default-pool-1a2b-grp', zone: 'europe-west1-b' },
    ],
    steps: [
      'gcloud compute instance-groups managed rolling-action replace gke-demo-default-pool-1a2b-grp --project demo --zone europe-west1-b --max-surge 1 --max-unavailable 0',
      'gcloud compute instance-groups managed wait-until gke-demo-default-pool-1a2b-grp --project demo --zone europe-west1-b --stable',
    ],
    ...overrides,
  };
}

async function renderDetails(op: Operation) {
  return renderInTestApp(<OperationDetails operation={op} />);
}

describe('OperationDetails', () => {
  afterEach(() => {
    // Only the copy test gives the document a copy command.
    delete (document as { execCommand?: unknown }).execCommand;
  });

  it('counts the node outcomes of a removal and lists each node', async () => {
    await renderDetails(
      operation({
        nodes: [
          nodeOutcome('node-a', 'disabled'),
          nodeOutcome('node-b', 'disabled'),
          nodeOutcome('node-c', 'disabled'),
          nodeOutcome('node-d', 'locked', 'audit rules are immutable (-e 2)'),
          nodeOutcome('node-e', 'locked'),
        ],
      }),
    );
    expect(
      await screen.findByText(
        '3 disabled, 2 locked until recreated, 0 unknown',
      ),
    ).toBeInTheDocument();
    const nodeD = screen.getByText('node-d').closest('tr')!;
    expect(
      within(nodeD).getByText('Locked until recreated'),
    ).toBeInTheDocument();
    expect(
      within(nodeD).getByText('audit rules are immutable (-e 2)'),
    ).toBeInTheDocument();
    const nodeA = screen.getByText('node-a').closest('tr')!;
    expect(within(nodeA).getByText('Disabled')).toBeInTheDocument();
  });

  it('shows a node that never reported as unknown', async () => {
    await renderDetails(
      operation({ nodes: [nodeOutcome('node-gone', 'unknown', 'no report')] }),
    );
    const row = (await screen.findByText('node-gone')).closest('tr')!;
    expect(within(row).getByText('Unknown')).toBeInTheDocument();
    expect(
      screen.getByText('0 disabled, 0 locked until recreated, 1 unknown'),
    ).toBeInTheDocument();
  });

  it('pages thousands of node outcomes by 20', async () => {
    const nodes = Array.from({ length: 3000 }, (_, i) =>
      nodeOutcome(`node-${String(i).padStart(4, '0')}`, 'disabled'),
    );
    await renderDetails(operation({ nodes }));
    expect(await screen.findByText('node-0000')).toBeInTheDocument();
    expect(screen.getByText('node-0019')).toBeInTheDocument();
    expect(screen.queryByText('node-0020')).not.toBeInTheDocument();
    expect(
      screen.getByText('3000 disabled, 0 locked until recreated, 0 unknown'),
    ).toBeInTheDocument();
  });

  it('shows how to recreate the locked nodes of each pool', async () => {
    const plan = recreationPlan();
    await renderDetails(
      operation({
        nodes: [
          nodeOutcome('node-d', 'locked'),
          nodeOutcome('node-e', 'locked'),
        ],
        recreation: [plan],
      }),
    );
    const section = await screen.findByRole('region', {
      name: 'Recreate the locked nodes of pool default-pool',
    });
    expect(
      within(section).getByText(
        /stays on until they are recreated; the steps below replace one node at a time/,
      ),
    ).toBeInTheDocument();
    expect(
      within(section).getByText(
        '2 nodes in instance groups: gke-demo-default-pool-1a2b-grp (europe-west1-b)',
      ),
    ).toBeInTheDocument();
    // The snippet's highlighter loads lazily.
    await waitFor(() =>
      expect(section.querySelector('code')?.textContent).toBe(
        plan.steps.join('\n'),
      ),
    );
  });

  it('copies exactly the steps, one a line, with "Copy steps"', async () => {
    const plan = recreationPlan();
    // copy-to-clipboard selects the text it copies and runs the copy command.
    let copied: string | undefined;
    const execCommand = jest.fn((command: string) => {
      if (command === 'copy') {
        copied = document.getSelection()?.toString();
      }
      return true;
    });
    Object.defineProperty(document, 'execCommand', {
      value: execCommand,
      configurable: true,
    });
    await renderDetails(operation({ recreation: [plan] }));

    await userEvent.click(
      await screen.findByRole('button', { name: 'Copy steps' }),
    );

    await waitFor(() => expect(execCommand).toHaveBeenCalledWith('copy'));
    expect(copied).toBe(plan.steps.join('\n'));
  });

  it('shows one recreation section per pool', async () => {
    await renderDetails(
      operation({
        mode: 'stop-shipping',
        recreation: [
          recreationPlan({ pool: 'default-pool' }),
          recreationPlan({ pool: 'highmem-pool', nodes: ['node-x'] }),
        ],
      }),
    );
    expect(
      await screen.findByText('Recreate the locked nodes of pool default-pool'),
    ).toBeInTheDocument();
    const highmem = screen.getByRole('region', {
      name: 'Recreate the locked nodes of pool highmem-pool',
    });
    expect(
      within(highmem).getByText(/^1 node in instance groups/),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Copy steps' })).toHaveLength(
      2,
    );
  });

  it('shows the error of a failed operation', async () => {
    await renderDetails(
      operation({
        outcome: 'failed',
        error: {
          name: 'ForbiddenError',
          message: 'daemonsets.apps is forbidden for jane.doe',
        },
      }),
    );
    expect(
      await screen.findByText('daemonsets.apps is forbidden for jane.doe'),
    ).toBeInTheDocument();
    expect(screen.getByText('Failed')).toBeInTheDocument();
  });

  it('shows what an apply changed, who ran it and what happened', async () => {
    await renderDetails(
      operation({
        kind: 'apply',
        mode: null,
        changes: [
          {
            kind: 'ConfigMap',
            namespace: 'cos-auditd',
            name: 'fluent-bit-config',
            action: 'configured',
          },
          {
            kind: 'Namespace',
            name: 'cos-auditd',
            action: 'unchanged',
          },
        ],
        messages: ['Applied 5 objects', 'Rollout started'],
      }),
    );
    expect(await screen.findByText('Apply filters')).toBeInTheDocument();
    expect(screen.getByText('Succeeded')).toBeInTheDocument();
    expect(screen.getByText('user:default/jane.doe')).toBeInTheDocument();
    expect(
      screen.getByText('ConfigMap cos-auditd/fluent-bit-config: configured'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Namespace cos-auditd: unchanged'),
    ).toBeInTheDocument();
    const messages = within(
      screen.getByRole('region', { name: 'What happened' }),
    ).getAllByRole('listitem');
    expect(messages.map(m => m.textContent)).toEqual([
      'Applied 5 objects',
      'Rollout started',
    ]);
    expect(
      screen.queryByText(/locked until recreated/),
    ).not.toBeInTheDocument();
  });

  it('names the kind of operation, its mode and a dry run', async () => {
    await renderDetails(operation({ kind: 'apply', mode: null, dryRun: true }));
    expect(
      await screen.findByText('Apply filters (dry run)'),
    ).toBeInTheDocument();
  });

  it('shows when it started and finished, and how long it took', async () => {
    const op = operation();
    await renderDetails(op);
    expect(
      await screen.findByText(new Date(op.startedAt).toLocaleString()),
    ).toBeInTheDocument();
    expect(
      screen.getByText(new Date(op.finishedAt!).toLocaleString()),
    ).toBeInTheDocument();
    expect(screen.getByText(/\(3 min 5 s\)/)).toBeInTheDocument();
    expect(screen.getByText('Disable')).toBeInTheDocument();
  });

  it('says a running operation has not finished yet', async () => {
    await renderDetails(operation({ outcome: 'running', finishedAt: null }));
    expect(await screen.findByText('Running')).toBeInTheDocument();
    expect(screen.getByText('not yet')).toBeInTheDocument();
  });
});

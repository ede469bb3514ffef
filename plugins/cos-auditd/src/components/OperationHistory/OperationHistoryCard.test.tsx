import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { Operation } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { finishedOperation } from '../../__testUtils__/factories';
import { CosAuditdApi, cosAuditdApiRef } from '../../api';
import { OperationHistoryCard } from './OperationHistoryCard';

const ENTITY = 'resource:default/demo-gke-prod';

type ListOperationsMock = jest.Mock<Promise<{ items: Operation[] }>, any[]>;

function operation(overrides: Partial<Operation> = {}): Operation {
  return finishedOperation('apply', {
    id: 'op-1',
    entityRef: ENTITY,
    startedAt: '2024-05-01T10:00:00.000Z',
    finishedAt: '2024-05-01T10:00:45.000Z',
    actor: 'user:default/jane.doe',
    spec: null,
    ...overrides,
  });
}

const NEWEST_FIRST: Operation[] = [
  operation({
    id: 'op-4',
    kind: 'remove',
    mode: 'stop-shipping',
    outcome: 'running',
    startedAt: '2024-05-04T10:00:00.000Z',
    finishedAt: null,
    actor: 'user:default/sam.ops',
  }),
  operation({
    id: 'op-3',
    kind: 'remove',
    mode: 'disable',
    outcome: 'failed',
    startedAt: '2024-05-03T10:00:00.000Z',
    finishedAt: '2024-05-03T10:03:05.000Z',
    error: { name: 'Error', message: 'the disable pods never finished' },
  }),
  operation({
    id: 'op-2',
    dryRun: true,
    startedAt: '2024-05-02T10:00:00.000Z',
    finishedAt: '2024-05-02T10:00:02.000Z',
  }),
  operation({
    id: 'op-1',
    changes: [
      {
        kind: 'DaemonSet',
        namespace: 'cos-auditd',
        name: 'cos-auditd-logging',
        action: 'created',
      },
    ],
  }),
];

function fakeApi(listOperations: ListOperationsMock): CosAuditdApi {
  return { listOperations } as unknown as CosAuditdApi;
}

async function renderCard(listOperations: ListOperationsMock) {
  return renderInTestApp(<OperationHistoryCard entityRef={ENTITY} />, {
    apis: [[cosAuditdApiRef, fakeApi(listOperations)]],
  });
}

/** The card inside a page whose operations bump the refresh key. */
function PageWithOperations() {
  const [refreshKey, setRefreshKey] = useState(1);
  return (
    <>
      <button type="button" onClick={() => setRefreshKey(k => k + 1)}>
        Operation finished
      </button>
      <OperationHistoryCard entityRef={ENTITY} refreshKey={refreshKey} />
    </>
  );
}

/** The table's body rows, each as its cells' text. */
function rowTexts(): string[][] {
  return screen
    .getAllByRole('row')
    .map(row =>
      within(row)
        .queryAllByRole('cell')
        .map(c => c.textContent ?? ''),
    )
    .filter(cells => cells.length > 1);
}

describe('OperationHistoryCard', () => {
  it('shows progress while loading', async () => {
    const listOperations: ListOperationsMock = jest.fn(
      () => new Promise(() => {}),
    );
    await renderCard(listOperations);
    expect(await screen.findByText('Operation history')).toBeInTheDocument();
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it("asks for the cluster's latest 50 operations", async () => {
    const listOperations: ListOperationsMock = jest.fn(async () => ({
      items: NEWEST_FIRST,
    }));
    await renderCard(listOperations);
    expect(await screen.findByText('Stop shipping')).toBeInTheDocument();
    expect(listOperations).toHaveBeenCalledWith({
      entityRef: ENTITY,
      limit: 50,
    });
  });

  it('lists the operations newest first, as given', async () => {
    const listOperations: ListOperationsMock = jest.fn(async () => ({
      items: NEWEST_FIRST,
    }));
    await renderCard(listOperations);
    await screen.findByText('Stop shipping');

    const rows = rowTexts();
    expect(
      rows.map(cells => cells.find(c => /^(Apply|Disable|Stop)/.test(c))),
    ).toEqual([
      'Stop shipping',
      'Disable',
      'Apply filters (dry run)',
      'Apply filters',
    ]);
    expect(rows[0]).toEqual(
      expect.arrayContaining([
        new Date('2024-05-04T10:00:00.000Z').toLocaleString(),
        'user:default/sam.ops',
        'Running',
      ]),
    );
    expect(rows[1]).toEqual(expect.arrayContaining(['Failed', '3 min 5 s']));
    expect(rows[3]).toEqual(expect.arrayContaining(['Succeeded', '45 s']));
  });

  it("opens a row to the operation's details", async () => {
    const listOperations: ListOperationsMock = jest.fn(async () => ({
      items: NEWEST_FIRST,
    }));
    await renderCard(listOperations);
    expect(
      screen.queryByText('the disable pods never finished'),
    ).not.toBeInTheDocument();

    await userEvent.click(await screen.findByText('Disable'));

    expect(
      await screen.findByText('the disable pods never finished'),
    ).toBeInTheDocument();
  });

  it('pages the history by 10', async () => {
    const items = Array.from({ length: 12 }, (_, i) =>
      operation({ id: `op-${i}`, actor: `user:default/person-${i}` }),
    );
    const listOperations: ListOperationsMock = jest.fn(async () => ({ items }));
    await renderCard(listOperations);
    expect(
      await screen.findByText('user:default/person-0'),
    ).toBeInTheDocument();
    expect(screen.getByText('user:default/person-9')).toBeInTheDocument();
    expect(
      screen.queryByText('user:default/person-10'),
    ).not.toBeInTheDocument();
  });

  it('explains that no operation ran yet', async () => {
    const listOperations: ListOperationsMock = jest.fn(async () => ({
      items: [],
    }));
    await renderCard(listOperations);
    expect(await screen.findByText('No operations yet')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Nobody has enabled or disabled audit logging on this cluster from Backstage.',
      ),
    ).toBeInTheDocument();
  });

  it('shows the error of a failed request', async () => {
    const listOperations: ListOperationsMock = jest.fn(async () => {
      throw new Error('the operations store is unavailable');
    });
    await renderCard(listOperations);
    expect(
      (await screen.findAllByText(/the operations store is unavailable/))
        .length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('No operations yet')).not.toBeInTheDocument();
  });

  it('reads the history again when refreshKey changes, keeping the rows meanwhile', async () => {
    let finishReload: (value: { items: Operation[] }) => void = () => {};
    const listOperations: ListOperationsMock = jest
      .fn()
      .mockResolvedValueOnce({ items: NEWEST_FIRST.slice(1) })
      .mockReturnValueOnce(
        new Promise(resolve => {
          finishReload = resolve;
        }),
      );
    await renderInTestApp(<PageWithOperations />, {
      apis: [[cosAuditdApiRef, fakeApi(listOperations)]],
    });
    expect(await screen.findByText('Disable')).toBeInTheDocument();
    expect(screen.queryByText('Stop shipping')).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Operation finished' }),
    );

    await waitFor(() => expect(listOperations).toHaveBeenCalledTimes(2));
    expect(screen.getByText('Disable')).toBeInTheDocument();
    finishReload({ items: NEWEST_FIRST });
    expect(await screen.findByText('Stop shipping')).toBeInTheDocument();
  });
});

import { ResponseError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { AuditEventsPage } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { CosAuditdApi, cosAuditdApiRef, ListAuditEventsQuery } from '../../api';
import { useState } from 'react';
import { EventsCard } from './EventsCard';
import { eventsPage, executionEvent, loginEvent } from './testEvents';

const ENTITY = 'resource:default/demo-gke-prod';
const HOUR_MS = 60 * 60 * 1000;

type ListEvents = jest.Mock<
  Promise<AuditEventsPage>,
  [string, ListAuditEventsQuery]
>;

function fakeApi(listEvents: ListEvents): CosAuditdApi {
  return { listEvents } as unknown as CosAuditdApi;
}

// Inside act, so that the first page's answer is rendered before the test goes on.
async function renderInApp(element: JSX.Element, listEvents: ListEvents) {
  await act(async () => {
    renderInTestApp(element, {
      apis: [[cosAuditdApiRef, fakeApi(listEvents)]],
    });
  });
}

async function renderCard(listEvents: ListEvents) {
  await renderInApp(<EventsCard entityRef={ENTITY} />, listEvents);
}

function answering(...pages: AuditEventsPage[]): ListEvents {
  const listEvents: ListEvents = jest.fn();
  for (const page of pages) {
    listEvents.mockResolvedValueOnce(page);
  }
  return listEvents.mockResolvedValue(eventsPage([]));
}

function lastQuery(listEvents: ListEvents): ListAuditEventsQuery {
  return listEvents.mock.calls[listEvents.mock.calls.length - 1][1];
}

function errorResponse(status: number, statusText: string, message: string) {
  return ResponseError.fromResponse(
    Response.json(
      {
        error: { name: 'Error', message },
        response: { statusCode: status },
      },
      { status, statusText },
    ),
  );
}

function manyExecutions(count: number) {
  return Array.from({ length: count }, (_, i) =>
    executionEvent({
      serial: i,
      exe: `/usr/bin/cmd-${String(i).padStart(4, '0')}`,
    }),
  );
}

describe('EventsCard', () => {
  it('asks for the last hour of executions, 100 at a time', async () => {
    const listEvents = answering(eventsPage([executionEvent()]));
    await renderCard(listEvents);

    expect(await screen.findByText('/usr/bin/ls')).toBeInTheDocument();
    expect(listEvents).toHaveBeenCalledTimes(1);
    expect(listEvents).toHaveBeenCalledWith(ENTITY, {
      type: 'execve',
      pageSize: 100,
      since: expect.any(String),
    });
    const since = Date.parse(lastQuery(listEvents).since!);
    expect(Math.abs(Date.now() - HOUR_MS - since)).toBeLessThan(10_000);
  });

  it('shows progress while loading', async () => {
    const listEvents: ListEvents = jest.fn();
    listEvents.mockReturnValue(new Promise(() => {}));
    await renderCard(listEvents);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows who ran what, where, and how it ended', async () => {
    const listEvents = answering(
      eventsPage([
        executionEvent({
          serial: 1,
          exe: '/usr/bin/curl',
          argv: ['curl', '-H', 'Authorization: ********', 'https://x.example'],
          cwd: '/home/alice',
          auid: 1000,
          uid: 0,
          success: false,
          exit: 6,
        }),
        executionEvent({ serial: 2, exe: '/usr/bin/id', auid: 4294967295 }),
      ]),
    );
    await renderCard(listEvents);

    expect(await screen.findByText('/usr/bin/curl')).toBeInTheDocument();
    const argv = 'curl -H Authorization: ******** https://x.example';
    expect(screen.getByText(argv)).toHaveAttribute('title', argv);
    expect(screen.getByText('/home/alice')).toBeInTheDocument();
    expect(screen.getByText('auid 1000 (uid 0)')).toBeInTheDocument();
    expect(screen.getByText('auid unset (uid 0)')).toBeInTheDocument();
    expect(screen.getByText('failed (exit 6)')).toBeInTheDocument();
    expect(screen.getByText('success')).toBeInTheDocument();
    expect(
      document.querySelector('time[datetime="2024-05-01T10:00:00.000Z"]'),
    ).not.toBeNull();
  });

  it('queries logins on the Logins tab', async () => {
    const listEvents = answering(
      eventsPage([executionEvent()]),
      eventsPage([loginEvent({ user: 'alice', addr: '203.0.113.7' })]),
    );
    await renderCard(listEvents);
    await screen.findByText('/usr/bin/ls');

    fireEvent.click(screen.getByRole('tab', { name: 'Logins' }));

    expect(await screen.findByText('alice')).toBeInTheDocument();
    expect(screen.getByText('203.0.113.7')).toBeInTheDocument();
    expect(
      screen.getByRole('columnheader', { name: 'Terminal' }),
    ).toBeVisible();
    expect(lastQuery(listEvents)).toMatchObject({
      type: 'login',
      pageSize: 100,
    });
  });

  it('makes a failed login stand out', async () => {
    const listEvents = answering(
      eventsPage([]),
      eventsPage([
        loginEvent({ serial: 1, user: 'mallory', result: 'failed' }),
        loginEvent({ serial: 2, user: 'alice', result: 'success' }),
      ]),
    );
    await renderCard(listEvents);
    fireEvent.click(screen.getByRole('tab', { name: 'Logins' }));

    const failedRow = (await screen.findByText('mallory')).closest('tr')!;
    const okRow = screen.getByText('alice').closest('tr')!;
    expect(within(failedRow).getByText('failed')).toBeInTheDocument();
    expect(within(okRow).getByText('success')).toBeInTheDocument();
    expect(failedRow.style.backgroundColor).not.toBe('');
    expect(okRow.style.backgroundColor).toBe('');
  });

  it('expands a row to its raw records, node and serial', async () => {
    const listEvents = answering(
      eventsPage([executionEvent({ node: 'node-b', serial: 4711 })]),
    );
    await renderCard(listEvents);
    await screen.findByText('/usr/bin/ls');
    expect(screen.queryByText(/CWD cwd="\/root"/)).not.toBeInTheDocument();

    fireEvent.click(
      screen.getByRole('button', { name: 'Detail panel visiblity toggle' }),
    );

    expect(await screen.findByText(/CWD cwd="\/root"/)).toBeInTheDocument();
    expect(screen.getByText(/EXECVE argc=3 a0="ls"/)).toBeInTheDocument();
    expect(screen.getByText('Node node-b, serial 4711')).toBeInTheDocument();
  });

  it.each([
    ['Node', 'node', 'gke-prod-pool-1-abcd'],
    ['User', 'user', '1000'],
    ['Search', 'q', 'kubectl'],
  ] as const)(
    'queries again with the %s field once typing pauses',
    async (label, param, value) => {
      const listEvents = answering(eventsPage([executionEvent()]));
      await renderCard(listEvents);
      await screen.findByText('/usr/bin/ls');

      fireEvent.change(screen.getByLabelText(label), {
        target: { value },
      });
      // Not on every keystroke: the query waits until typing pauses.
      await act(() => new Promise<void>(resolve => setTimeout(resolve, 200)));
      expect(listEvents).toHaveBeenCalledTimes(1);

      await waitFor(() => expect(listEvents).toHaveBeenCalledTimes(2));
      expect(lastQuery(listEvents)).toMatchObject({
        type: 'execve',
        pageSize: 100,
        [param]: value,
      });
      expect(lastQuery(listEvents).pageToken).toBeUndefined();
    },
  );

  it('asks for a wider range when the time range changes', async () => {
    const listEvents = answering(eventsPage([executionEvent()]));
    await renderCard(listEvents);
    await screen.findByText('/usr/bin/ls');

    const select = screen.getByLabelText('Time range');
    expect(select).toHaveDisplayValue('Last hour');
    fireEvent.change(select, { target: { value: String(7 * 24 * HOUR_MS) } });
    expect(select).toHaveDisplayValue('Last 7 days');

    await waitFor(() => expect(listEvents).toHaveBeenCalledTimes(2));
    const since = Date.parse(lastQuery(listEvents).since!);
    expect(Math.abs(Date.now() - 7 * 24 * HOUR_MS - since)).toBeLessThan(
      10_000,
    );
  });

  it('loads the next page with its token and appends it', async () => {
    const first = manyExecutions(100);
    const listEvents = answering(
      eventsPage(first, { nextPageToken: 'page-2' }),
      // The last event of page one comes again, with a record it lacked.
      eventsPage([
        { ...first[99], records: [...first[99].records, 'PROCTITLE ls'] },
        executionEvent({ serial: 100, exe: '/usr/bin/cmd-0100' }),
      ]),
    );
    await renderCard(listEvents);
    expect(
      await screen.findByText('Showing 100 events; more are available'),
    ).toBeInTheDocument();
    const firstQuery = lastQuery(listEvents);

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await screen.findByText('Showing 101 events')).toBeInTheDocument();
    expect(listEvents).toHaveBeenLastCalledWith(ENTITY, {
      ...firstQuery,
      pageToken: 'page-2',
    });
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
  });

  it('keeps the loaded events when the next page fails', async () => {
    const listEvents = answering(
      eventsPage([executionEvent()], { nextPageToken: 'page-2' }),
    );
    listEvents.mockRejectedValueOnce(
      await errorResponse(502, 'Bad Gateway', 'Cloud Logging failed'),
    );
    await renderCard(listEvents);
    await screen.findByText('/usr/bin/ls');

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));

    expect(
      await screen.findByText(/Could not load more events/),
    ).toBeInTheDocument();
    expect(screen.getByText(/Cloud Logging failed/)).toBeInTheDocument();
    expect(screen.getByText('/usr/bin/ls')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Load more' })).toBeEnabled();
  });

  it('ignores the answer to a query that was replaced', async () => {
    let answerFirst: (page: AuditEventsPage) => void = () => {};
    const listEvents: ListEvents = jest
      .fn()
      .mockImplementationOnce(
        () => new Promise<AuditEventsPage>(r => (answerFirst = r)),
      )
      .mockResolvedValueOnce(eventsPage([loginEvent({ user: 'alice' })]));
    await renderCard(listEvents);

    fireEvent.click(screen.getByRole('tab', { name: 'Logins' }));
    expect(await screen.findByText('alice')).toBeInTheDocument();

    await act(async () => {
      answerFirst(eventsPage([executionEvent({ exe: '/usr/bin/stale' })]));
    });
    expect(screen.queryByText('/usr/bin/stale')).not.toBeInTheDocument();
    expect(screen.getByText('alice')).toBeInTheDocument();
  });

  it('links to the Logs Explorer and counts skipped records', async () => {
    const page = eventsPage([executionEvent()], { skippedRecords: 3 });
    await renderCard(answering(page));

    const link = await screen.findByRole('link', {
      name: /Open in Logs Explorer/,
    });
    expect(link).toHaveAttribute('href', page.logsExplorerUrl);
    expect(link).toHaveAttribute('target', '_blank');
    expect(
      screen.getByText('3 records could not be parsed and were skipped'),
    ).toBeInTheDocument();
  });

  it('reads again from the first page when refreshKey changes', async () => {
    const listEvents = answering(
      eventsPage([executionEvent()], { nextPageToken: 'page-2' }),
    );
    // Stands in for the tab, which bumps refreshKey after an operation.
    function TabAfterOperations() {
      const [refreshKey, setRefreshKey] = useState(0);
      return (
        <>
          <button onClick={() => setRefreshKey(k => k + 1)}>Operate</button>
          <EventsCard entityRef={ENTITY} refreshKey={refreshKey} />
        </>
      );
    }
    await renderInApp(<TabAfterOperations />, listEvents);
    await screen.findByText('/usr/bin/ls');

    fireEvent.click(screen.getByRole('button', { name: 'Operate' }));

    await waitFor(() => expect(listEvents).toHaveBeenCalledTimes(2));
    expect(lastQuery(listEvents).pageToken).toBeUndefined();
    expect(
      await screen.findByText('No executions in this time range yet'),
    ).toBeInTheDocument();
  });

  it('says so when the user may not read audit events', async () => {
    const error = await errorResponse(
      403,
      'Forbidden',
      'Not allowed: cos-auditd.events.read',
    );
    await renderCard(jest.fn().mockRejectedValue(error));

    expect(
      await screen.findByText(
        'You are not allowed to read audit events on this cluster',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/cos-auditd\.events\.read/)).toBeInTheDocument();
  });

  it('shows the error when Cloud Logging times out', async () => {
    const error = await errorResponse(
      504,
      'Gateway Timeout',
      'Cloud Logging did not answer within 30 s',
    );
    await renderCard(jest.fn().mockRejectedValue(error));

    expect(
      (await screen.findAllByText(/Cloud Logging did not answer within 30 s/))
        .length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText(/You are not allowed/)).not.toBeInTheDocument();
  });

  it('explains an empty time range for executions and for logins', async () => {
    await renderCard(answering(eventsPage([]), eventsPage([])));

    expect(
      await screen.findByText('No executions in this time range yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/a minute or so after audit logging is enabled/),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('tab', { name: 'Logins' }));
    expect(
      await screen.findByText('No logins in this time range yet'),
    ).toBeInTheDocument();
  });

  it('renders 1,000 events one page of 20 rows at a time', async () => {
    await renderCard(answering(eventsPage(manyExecutions(1000))));

    expect(await screen.findByText('/usr/bin/cmd-0000')).toBeInTheDocument();
    expect(document.querySelectorAll('tbody time')).toHaveLength(20);
    expect(screen.getByText('/usr/bin/cmd-0019')).toBeInTheDocument();
    expect(screen.queryByText('/usr/bin/cmd-0020')).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Next Page' }));

    expect(await screen.findByText('/usr/bin/cmd-0020')).toBeInTheDocument();
    expect(screen.getByText('/usr/bin/cmd-0039')).toBeInTheDocument();
    expect(screen.queryByText('/usr/bin/cmd-0000')).not.toBeInTheDocument();
    expect(document.querySelectorAll('tbody time')).toHaveLength(20);
  });
});

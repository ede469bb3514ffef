import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { ActiveFilters } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { FILTER_PRESET_DESCRIPTIONS } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { CosAuditdApi, cosAuditdApiRef } from '../../api';
import { FiltersCard, FiltersCardProps } from './FiltersCard';

const ENTITY = 'resource:default/demo-gke-prod';

const RAW = `[FILTER]
    Name    grep
    Match   linux-auditd
    Exclude message ^type=SYSCALL .* syscall=(9|10|54) `;

function filters(overrides: Partial<ActiveFilters> = {}): ActiveFilters {
  return {
    entityRef: ENTITY,
    source: 'fluent-bit',
    spec: { preset: 'balanced' },
    sections: [
      {
        kind: 'grep',
        description: 'Drops SYSCALL records of mmap, mprotect and setsockopt',
        settings: [
          { key: 'Match', value: 'linux-auditd' },
          {
            key: 'Exclude',
            value: 'message ^type=SYSCALL .* syscall=(9|10|54) ',
          },
        ],
      },
    ],
    raw: RAW,
    notes: [],
    ...overrides,
  };
}

type GetFilters = jest.Mock<Promise<ActiveFilters>, any[]>;

function fakeApi(getFilters: GetFilters): CosAuditdApi {
  return { getFilters } as unknown as CosAuditdApi;
}

async function renderCard(
  getFilters: GetFilters,
  props: Partial<FiltersCardProps> = {},
) {
  return renderInTestApp(<FiltersCard entityRef={ENTITY} {...props} />, {
    apis: [[cosAuditdApiRef, fakeApi(getFilters)]],
  });
}

describe('FiltersCard', () => {
  it('is titled "Active filters"', async () => {
    await renderCard(jest.fn(async () => filters()));
    expect(await screen.findByText('Preset: balanced')).toBeInTheDocument();
    expect(screen.getByText('Active filters')).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderCard(jest.fn(() => new Promise<ActiveFilters>(() => {})));
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error of a failed request', async () => {
    await renderCard(
      jest.fn(async () => {
        throw new Error('permission denied for demo-gke-prod');
      }),
    );
    expect(
      (await screen.findAllByText(/permission denied for demo-gke-prod/))
        .length,
    ).toBeGreaterThan(0);
  });

  it('passes the auth provider to the API', async () => {
    const getFilters: GetFilters = jest.fn(async () => filters());
    await renderCard(getFilters, { authProvider: 'google' });
    expect(await screen.findByText('Preset: balanced')).toBeInTheDocument();
    expect(getFilters).toHaveBeenCalledWith(ENTITY, {
      authProvider: 'google',
    });
  });

  it('explains a cluster where nothing is installed', async () => {
    await renderCard(
      jest.fn(async () =>
        filters({ source: null, spec: null, sections: [], raw: null }),
      ),
    );
    expect(
      await screen.findByText('No filters are active'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Audit logging is not installed on this cluster/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Raw configuration')).not.toBeInTheDocument();
  });

  it('names the agent and describes the preset', async () => {
    await renderCard(jest.fn(async () => filters()));
    expect(await screen.findByText('Agent: fluent-bit')).toBeInTheDocument();
    expect(screen.getByText('Preset: balanced')).toBeInTheDocument();
    expect(
      screen.getByText(FILTER_PRESET_DESCRIPTIONS.balanced),
    ).toBeInTheDocument();
  });

  it('describes each exclusion in words', async () => {
    await renderCard(
      jest.fn(async () =>
        filters({
          spec: {
            excludeRecordTypes: ['PROCTITLE', 'CWD'],
            excludeSyscalls: ['mmap', 'openat'],
            excludeExecutables: ['/usr/bin/curl', '/usr/sbin/sshd'],
            throttle: { rate: 1000, window: 5, interval: '1s' },
          },
        }),
      ),
    );
    expect(await screen.findByText('No preset')).toBeInTheDocument();
    expect(
      screen.getByText('Drops these record types: PROCTITLE, CWD'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Drops these syscalls: mmap, openat'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Drops the SYSCALL records of: /usr/bin/curl, /usr/sbin/sshd',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Throttles to 1000 records per 1s interval, averaged over 5 intervals',
      ),
    ).toBeInTheDocument();
  });

  it('lists each filter section with its description and settings', async () => {
    await renderCard(jest.fn(async () => filters()));
    expect(
      await screen.findByText(
        /Drops SYSCALL records of mmap, mprotect and setsockopt/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('grep')).toBeInTheDocument();
    expect(screen.getByText(/Match linux-auditd/)).toBeInTheDocument();
  });

  it('describes the sections of a configuration it did not write', async () => {
    await renderCard(
      jest.fn(async () =>
        filters({
          spec: null,
          sections: [
            {
              kind: 'modify',
              description: 'Adds the field cluster=prod to every record',
              settings: [{ key: 'Add', value: 'cluster prod' }],
            },
          ],
        }),
      ),
    );
    expect(
      await screen.findByText(/Adds the field cluster=prod to every record/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Preset/)).not.toBeInTheDocument();
  });

  it('shows the raw configuration with a copy button when expanded', async () => {
    await renderCard(jest.fn(async () => filters()));
    const expander = await screen.findByRole('button', {
      name: /Raw configuration/,
    });
    expect(screen.queryByText(/Name\s+grep/)).not.toBeInTheDocument();

    fireEvent.click(expander);

    expect(await screen.findByText(/Name\s+grep/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /copy/i })).toBeInTheDocument();
  });

  it('warns that the legacy fluentd agent will be replaced', async () => {
    await renderCard(
      jest.fn(async () =>
        filters({ source: 'fluentd-legacy', spec: null, sections: [] }),
      ),
    );
    expect(
      await screen.findByText(/This cluster runs the legacy fluentd agent/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/applying filters replaces it with fluent-bit/),
    ).toBeInTheDocument();
    expect(screen.getByText('Agent: fluentd (legacy)')).toBeInTheDocument();
  });

  it('warns when the live fluent-bit configuration was changed by hand', async () => {
    await renderCard(jest.fn(async () => filters({ spec: null })));
    expect(
      await screen.findByText(
        /The live configuration was changed outside this plugin \(drift\)/,
      ),
    ).toBeInTheDocument();
  });

  it('does not warn about drift when the plugin wrote the configuration', async () => {
    await renderCard(jest.fn(async () => filters()));
    expect(await screen.findByText('Preset: balanced')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows the ConfigMap drift it is given, and only that', async () => {
    await renderCard(
      jest.fn(async () => filters()),
      {
        drift: [
          {
            kind: 'ConfigMap',
            namespace: 'cos-auditd',
            name: 'fluent-bit-config',
            message: 'the [FILTER] sections were edited by hand',
          },
          {
            kind: 'DaemonSet',
            namespace: 'cos-auditd',
            name: 'cos-auditd-logging',
            message: 'the image was changed',
          },
        ],
      },
    );
    expect(
      await screen.findByText(
        'ConfigMap cos-auditd/fluent-bit-config: the [FILTER] sections were edited by hand',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/the image was changed/)).not.toBeInTheDocument();
  });

  it('shows the notes as warnings', async () => {
    await renderCard(
      jest.fn(async () =>
        filters({ notes: ['Line 12: unknown filter plugin "lua"'] }),
      ),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Line 12: unknown filter plugin "lua"',
    );
  });

  it('reads the filters again when the refresh key changes, keeping the previous ones meanwhile', async () => {
    let resolveSecond: (value: ActiveFilters) => void = () => {};
    const getFilters: GetFilters = jest
      .fn<Promise<ActiveFilters>, any[]>()
      .mockResolvedValueOnce(filters())
      .mockImplementationOnce(
        () =>
          new Promise<ActiveFilters>(resolve => {
            resolveSecond = resolve;
          }),
      );
    // Stands in for the page, which bumps the key once an apply finishes.
    function AfterApply() {
      const [refreshKey, setRefreshKey] = useState(1);
      return (
        <>
          <button onClick={() => setRefreshKey(k => k + 1)}>Applied</button>
          <FiltersCard entityRef={ENTITY} refreshKey={refreshKey} />
        </>
      );
    }
    await renderInTestApp(<AfterApply />, {
      apis: [[cosAuditdApiRef, fakeApi(getFilters)]],
    });
    expect(await screen.findByText('Preset: balanced')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Applied' }));

    await waitFor(() => expect(getFilters).toHaveBeenCalledTimes(2));
    expect(screen.getByText('Preset: balanced')).toBeInTheDocument();
    expect(screen.queryByTestId('progress')).not.toBeInTheDocument();

    resolveSecond(filters({ spec: { preset: 'full' } }));
    expect(await screen.findByText('Preset: full')).toBeInTheDocument();
  });

  it('reads the filters again when Refresh is clicked', async () => {
    const getFilters: GetFilters = jest
      .fn<Promise<ActiveFilters>, any[]>()
      .mockResolvedValueOnce(filters())
      .mockResolvedValue(filters({ spec: { preset: 'exec-and-login' } }));
    await renderCard(getFilters);
    expect(await screen.findByText('Preset: balanced')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(
      await screen.findByText('Preset: exec-and-login'),
    ).toBeInTheDocument();
    expect(getFilters).toHaveBeenCalledTimes(2);
  });

  it('shows filters its parent read, without reading them again', async () => {
    const getFilters: GetFilters = jest.fn(async () => filters());
    const retry = jest.fn();
    await renderInTestApp(
      <FiltersCard
        entityRef={ENTITY}
        state={{
          value: filters({ spec: { preset: 'exec-and-login' } }),
          loading: false,
          retry,
        }}
      />,
      { apis: [[cosAuditdApiRef, fakeApi(getFilters)]] },
    );
    expect(
      await screen.findByText('Preset: exec-and-login'),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(retry).toHaveBeenCalledTimes(1);
    expect(getFilters).not.toHaveBeenCalled();
  });
});

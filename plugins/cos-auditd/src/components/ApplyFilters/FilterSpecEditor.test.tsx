import type { FilterSpec } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import {
  FILTER_PRESET_DESCRIPTIONS,
  validateFilterSpec,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { FilterSpecEditor } from './FilterSpecEditor';

const EXECUTIONS_WARNING =
  /Executions will no longer appear under Recent events/;

/** Holds the spec and validates it on every change, as the dialog does. */
function renderEditor(initial: FilterSpec = { preset: 'balanced' }) {
  const changes: FilterSpec[] = [];
  function Form() {
    const [value, setValue] = useState<FilterSpec>(initial);
    const validation = validateFilterSpec(value);
    return (
      <FilterSpecEditor
        value={value}
        onChange={next => {
          changes.push(next);
          setValue(next);
        }}
        problems={validation.valid ? [] : validation.problems}
      />
    );
  }
  render(<Form />);
  return { changes, user: userEvent.setup() };
}

const lastChange = (changes: FilterSpec[]) => changes[changes.length - 1];

describe('FilterSpecEditor', () => {
  it('shows the chosen preset and its description', () => {
    renderEditor({ preset: 'exec-and-login' });
    expect(screen.getByRole('button', { name: /Preset/ })).toHaveTextContent(
      'exec-and-login',
    );
    expect(
      screen.getByText(FILTER_PRESET_DESCRIPTIONS['exec-and-login']),
    ).toBeInTheDocument();
  });

  it('offers each preset with its description, and none', async () => {
    const { user, changes } = renderEditor();
    await user.click(screen.getByRole('button', { name: /Preset/ }));
    const listbox = screen.getByRole('listbox');
    expect(
      within(listbox).getByText(FILTER_PRESET_DESCRIPTIONS.full),
    ).toBeInTheDocument();

    await user.click(within(listbox).getByText('none'));

    expect(lastChange(changes)).toEqual({});
  });

  it('adds an excluded record type picked from the list', async () => {
    const { user, changes } = renderEditor();
    await user.type(
      screen.getByRole('textbox', { name: 'Excluded record types' }),
      'PROCT',
    );
    await user.click(screen.getByRole('option', { name: 'PROCTITLE' }));

    expect(lastChange(changes)).toEqual({
      preset: 'balanced',
      excludeRecordTypes: ['PROCTITLE'],
    });
  });

  it('adds an excluded syscall picked from the list', async () => {
    const { user, changes } = renderEditor();
    await user.type(
      screen.getByRole('textbox', { name: 'Excluded syscalls' }),
      'open',
    );
    await user.click(screen.getByRole('option', { name: 'openat' }));

    expect(lastChange(changes)).toEqual({
      preset: 'balanced',
      excludeSyscalls: ['openat'],
    });
  });

  it('warns that dropping SYSCALL records hides executions', async () => {
    const { user } = renderEditor();
    expect(screen.queryByText(EXECUTIONS_WARNING)).not.toBeInTheDocument();

    await user.type(
      screen.getByRole('textbox', { name: 'Excluded record types' }),
      'SYSCALL',
    );
    await user.click(screen.getByRole('option', { name: 'SYSCALL' }));

    expect(screen.getByText(EXECUTIONS_WARNING)).toBeInTheDocument();
  });

  it('warns that dropping EXECVE records hides executions, without calling it an error', () => {
    renderEditor({ excludeRecordTypes: ['EXECVE'] });
    expect(screen.getByText(EXECUTIONS_WARNING)).toBeInTheDocument();
    expect(
      screen.queryByText('These filters cannot be applied'),
    ).not.toBeInTheDocument();
  });

  it('takes one executable per line and ignores blank lines', async () => {
    const { user, changes } = renderEditor();
    await user.type(
      screen.getByLabelText('Excluded executables'),
      '/usr/bin/curl{Enter}{Enter}/usr/sbin/sshd',
    );
    expect(lastChange(changes)).toEqual({
      preset: 'balanced',
      excludeExecutables: ['/usr/bin/curl', '/usr/sbin/sshd'],
    });
    expect(screen.getByLabelText('Excluded executables')).toHaveValue(
      '/usr/bin/curl\n\n/usr/sbin/sshd',
    );
  });

  it('marks the field a problem is about, and lists every problem', () => {
    render(
      <FilterSpecEditor
        value={{ excludeSyscalls: ['mmap', 'mmap'] }}
        onChange={jest.fn()}
        problems={['excludeSyscalls: syscalls must not repeat']}
      />,
    );
    expect(
      screen.getByRole('textbox', { name: 'Excluded syscalls' }),
    ).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('syscalls must not repeat')).toBeInTheDocument();
    expect(
      screen.getByText('excludeSyscalls: syscalls must not repeat'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('textbox', { name: 'Excluded record types' }),
    ).toHaveAttribute('aria-invalid', 'false');
  });

  it('adds a throttle when the box is ticked and removes it when unticked', async () => {
    const { user, changes } = renderEditor();
    expect(screen.queryByLabelText('Rate')).not.toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Throttle' }));
    expect(lastChange(changes)).toEqual({
      preset: 'balanced',
      throttle: { rate: 1000, window: 5, interval: '1s' },
    });

    await user.click(screen.getByRole('checkbox', { name: 'Throttle' }));
    expect(lastChange(changes)).toEqual({ preset: 'balanced' });
  });

  it('parses throttle numbers as they are typed', async () => {
    const { user, changes } = renderEditor({
      throttle: { rate: 1000, window: 5, interval: '1s' },
    });
    await user.clear(screen.getByLabelText('Rate'));
    await user.type(screen.getByLabelText('Rate'), '250');
    expect(lastChange(changes)).toEqual({
      throttle: { rate: 250, window: 5, interval: '1s' },
    });
  });

  it('keeps throttle text that is not a number and reports it', async () => {
    const { user } = renderEditor({
      throttle: { rate: 1000, window: 5, interval: '1s' },
    });
    await user.clear(screen.getByLabelText('Rate'));
    await user.type(screen.getByLabelText('Rate'), '12x');

    expect(screen.getByLabelText('Rate')).toHaveValue('12x');
    expect(screen.getByLabelText('Rate')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(screen.getByText(/^throttle\.rate: /)).toBeInTheDocument();
  });

  it('reports an interval without a unit', async () => {
    const { user } = renderEditor({
      throttle: { rate: 1000, window: 5, interval: '1s' },
    });
    await user.clear(screen.getByLabelText('Interval'));
    await user.type(screen.getByLabelText('Interval'), '10');

    expect(screen.getByLabelText('Interval')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(
      screen.getByText(
        'interval is a number and a unit (s, m, h or d), like 1s or 5m',
      ),
    ).toBeInTheDocument();
  });
});

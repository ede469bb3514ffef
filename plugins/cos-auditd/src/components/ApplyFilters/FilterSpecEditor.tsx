import type {
  FilterPreset,
  FilterSpec,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import {
  AUDIT_RECORD_TYPES,
  FILTER_PRESET_DESCRIPTIONS,
  FILTER_PRESETS,
  SYSCALLS,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useEffect, useState } from 'react';

/** @public */
export type FilterSpecEditorProps = {
  /** The spec as typed so far; may hold invalid values for the validator to report. */
  value: FilterSpec;
  onChange: (value: FilterSpec) => void;
  /** What `validateFilterSpec` says is wrong, each prefixed with its field's path. */
  problems: string[];
};

type Throttle = NonNullable<FilterSpec['throttle']>;
type SpecField = keyof FilterSpec;

/** The select's value for a spec without a preset. */
const NO_PRESET = 'none';

/** What the throttle fields start from when the box is ticked. */
const DEFAULT_THROTTLE: Throttle = { rate: 1000, window: 5, interval: '1s' };

/** Record types without which the execve events cannot be put together. */
const EXECUTION_RECORD_TYPES = ['SYSCALL', 'EXECVE'];

const RECORD_TYPE_OPTIONS: string[] = [...AUDIT_RECORD_TYPES];
const SYSCALL_OPTIONS: string[] = Object.keys(SYSCALLS).sort();

/** The spec with one field set, or left out when it is empty. */
function withField<K extends SpecField>(
  spec: FilterSpec,
  field: K,
  value: FilterSpec[K] | undefined,
): FilterSpec {
  const { [field]: _previous, ...rest } = spec;
  if (value === undefined || (Array.isArray(value) && value.length === 0)) {
    return rest;
  }
  return { ...rest, [field]: value };
}

/** The problems about one field, without their path prefix. */
function problemsOf(problems: string[], field: string): string[] {
  return problems
    .filter(
      problem =>
        problem.startsWith(field) && /^[[.:]/.test(problem.slice(field.length)),
    )
    .map(problem => problem.slice(problem.indexOf(': ') + 2));
}

/** The executables typed one per line; blank lines do not count. */
function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map(line => line.replace(/\r$/, ''))
    .filter(line => line.trim() !== '');
}

/**
 * A number when the text is a plain integer, otherwise the text itself, so
 * that the validator names what is wrong instead of the field going blank.
 */
function numberOrText(text: string): number {
  return (/^(0|-?[1-9][0-9]*)$/.test(text) ? Number(text) : text) as number;
}

function ExecutablesField(props: {
  value: string[];
  onChange: (value: string[]) => void;
  problems: string[];
}) {
  const { value, onChange, problems } = props;
  const [text, setText] = useState(value.join('\n'));

  // Follows the value when it is replaced from outside (say, a reset), while
  // blank lines the user is typing stay where they are.
  const valueKey = value.join('\n');
  useEffect(() => {
    if (linesOf(text).join('\n') !== valueKey) {
      setText(valueKey);
    }
  }, [text, valueKey]);

  return (
    <TextField
      id="cos-auditd-exclude-executables"
      label="Excluded executables"
      placeholder="/usr/bin/example"
      multiline
      minRows={2}
      fullWidth
      margin="normal"
      variant="outlined"
      value={text}
      onChange={event => {
        setText(event.target.value);
        onChange(linesOf(event.target.value));
      }}
      error={problems.length > 0}
      helperText={
        problems.length > 0
          ? problems.join('; ')
          : 'One absolute path per line; the SYSCALL records of these programs are dropped.'
      }
    />
  );
}

function ThrottleFields(props: {
  value: Throttle | undefined;
  onChange: (value: Throttle | undefined) => void;
  problems: string[];
}) {
  const { value, onChange, problems } = props;
  // Unticking keeps the numbers, so ticking again brings them back.
  const [lastThrottle, setLastThrottle] = useState<Throttle>(
    value ?? DEFAULT_THROTTLE,
  );
  const update = (next: Throttle) => {
    setLastThrottle(next);
    onChange(next);
  };
  const fieldProblems = (field: keyof Throttle) =>
    problemsOf(problems, `throttle.${field}`);
  const field = (
    name: keyof Throttle,
    label: string,
    hint: string,
    parse: (text: string) => Throttle[typeof name],
  ) => {
    const messages = fieldProblems(name);
    return (
      <TextField
        id={`cos-auditd-throttle-${name}`}
        label={label}
        margin="normal"
        variant="outlined"
        value={value ? String(value[name]) : ''}
        onChange={event =>
          value && update({ ...value, [name]: parse(event.target.value) })
        }
        error={messages.length > 0}
        helperText={messages.length > 0 ? messages.join('; ') : hint}
      />
    );
  };

  return (
    <Box mt={1}>
      <FormControlLabel
        control={
          <Checkbox
            checked={value !== undefined}
            onChange={(_event, checked) =>
              onChange(checked ? lastThrottle : undefined)
            }
            color="primary"
          />
        }
        label="Throttle"
      />
      {value && (
        <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
          {field('rate', 'Rate', 'Records per interval', numberOrText)}
          {field(
            'window',
            'Window',
            'Intervals the rate is averaged over',
            numberOrText,
          )}
          {field('interval', 'Interval', 'Like 1s or 5m', text => text)}
        </Box>
      )}
    </Box>
  );
}

/** A multiple choice over a closed list, with its problems as helper text. */
function ExclusionPicker(props: {
  id: string;
  label: string;
  hint: string;
  options: string[];
  value: string[];
  onChange: (selected: string[]) => void;
  problems: string[];
}) {
  const { id, label, hint, options, value, onChange, problems } = props;
  return (
    <Autocomplete
      multiple
      filterSelectedOptions
      id={id}
      options={options}
      value={value}
      onChange={(_event, selected) => onChange(selected)}
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          margin="normal"
          variant="outlined"
          error={problems.length > 0}
          helperText={problems.length > 0 ? problems.join('; ') : hint}
        />
      )}
    />
  );
}

/**
 * A form for a {@link FilterSpec}: preset, excluded record types, syscalls
 * and executables, and a throttle. It keeps whatever the user types, valid
 * or not, and shows the problems it is given next to their fields.
 *
 * @public
 */
export function FilterSpecEditor(props: FilterSpecEditorProps) {
  const { value, onChange, problems } = props;
  const presetProblems = problemsOf(problems, 'preset');
  const recordTypeProblems = problemsOf(problems, 'excludeRecordTypes');
  const syscallProblems = problemsOf(problems, 'excludeSyscalls');
  const executableProblems = problemsOf(problems, 'excludeExecutables');
  const dropsExecutions = (value.excludeRecordTypes ?? []).some(type =>
    EXECUTION_RECORD_TYPES.includes(type),
  );

  return (
    <>
      {problems.length > 0 && (
        <Box mb={2}>
          <Alert severity="error">
            <AlertTitle>These filters cannot be applied</AlertTitle>
            {problems.map(problem => (
              <div key={problem}>{problem}</div>
            ))}
          </Alert>
        </Box>
      )}
      <TextField
        id="cos-auditd-preset"
        select
        label="Preset"
        fullWidth
        margin="normal"
        variant="outlined"
        value={value.preset ?? NO_PRESET}
        onChange={event => {
          const preset = event.target.value as FilterPreset | typeof NO_PRESET;
          onChange(
            withField(
              value,
              'preset',
              preset === NO_PRESET ? undefined : preset,
            ),
          );
        }}
        SelectProps={{ renderValue: selected => String(selected) }}
        error={presetProblems.length > 0}
        helperText={
          presetProblems.length > 0
            ? presetProblems.join('; ')
            : (value.preset && FILTER_PRESET_DESCRIPTIONS[value.preset]) ||
              'No preset: only the exclusions below drop records.'
        }
      >
        {FILTER_PRESETS.map(preset => (
          <MenuItem key={preset} value={preset}>
            <ListItemText
              primary={preset}
              secondary={FILTER_PRESET_DESCRIPTIONS[preset]}
            />
          </MenuItem>
        ))}
        <MenuItem value={NO_PRESET}>
          <ListItemText
            primary={NO_PRESET}
            secondary="No preset: only the exclusions below drop records."
          />
        </MenuItem>
      </TextField>

      <ExclusionPicker
        id="cos-auditd-exclude-record-types"
        label="Excluded record types"
        hint="Records of these types are dropped."
        options={RECORD_TYPE_OPTIONS}
        value={value.excludeRecordTypes ?? []}
        onChange={selected =>
          onChange(withField(value, 'excludeRecordTypes', selected))
        }
        problems={recordTypeProblems}
      />
      {dropsExecutions && (
        <Alert severity="warning">
          Executions will no longer appear under Recent events: they are put
          together from the SYSCALL and EXECVE records this drops.
        </Alert>
      )}

      <ExclusionPicker
        id="cos-auditd-exclude-syscalls"
        label="Excluded syscalls"
        hint="The SYSCALL records of these system calls are dropped."
        options={SYSCALL_OPTIONS}
        value={value.excludeSyscalls ?? []}
        onChange={selected =>
          onChange(withField(value, 'excludeSyscalls', selected))
        }
        problems={syscallProblems}
      />

      <ExecutablesField
        value={value.excludeExecutables ?? []}
        onChange={executables =>
          onChange(withField(value, 'excludeExecutables', executables))
        }
        problems={executableProblems}
      />

      <ThrottleFields
        value={value.throttle}
        onChange={throttle => onChange(withField(value, 'throttle', throttle))}
        problems={problems}
      />
    </>
  );
}

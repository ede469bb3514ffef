import { CodeSnippet, Progress } from '@backstage/core-components';
import type {
  ApplyResult,
  FilterSpec,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import {
  cosAuditdApplyPermission,
  cosAuditdStatusReadPermission,
  FILTER_PRESET_DESCRIPTIONS,
  validateFilterSpec,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useMemo, useState } from 'react';
import { PermissionedButton } from '../PermissionedButton';
import { FilterSpecEditor } from './FilterSpecEditor';
import { useApplyFilters } from './useApplyFilters';
import { useManifestPreview } from './useManifestPreview';

/** @public */
export type ApplyFiltersMode = 'enable' | 'update';

/** @public */
export type ApplyFiltersButtonProps = {
  /** The cluster entity, e.g. `resource:default/demo-gke-prod`. */
  entityRef: string;
  /** The entity's `kubernetes.io/auth-provider` annotation. */
  authProvider?: string;
  /** `enable` installs audit logging; `update` changes the filters of a running agent. */
  mode: ApplyFiltersMode;
  /** What the form starts from; the `balanced` preset when absent. */
  initialSpec?: FilterSpec | null;
  /** Disabled for another reason (say, an operation is already running). */
  disabled?: boolean;
  /** Called when the apply request is sent. */
  onStarted?: () => void;
  /** Called when the apply request is answered, with its result or failure. */
  onFinished: (outcome: { result?: ApplyResult; error?: Error }) => void;
};

const MODES: Record<
  ApplyFiltersMode,
  { label: string; confirm: string; deniedAction: string; rollout: string }
> = {
  enable: {
    label: 'Enable audit logging',
    confirm: 'Enable',
    deniedAction: 'enable audit logging',
    rollout:
      'An init container turns on audit logging on each COS node before the agent starts shipping its records.',
  },
  update: {
    label: 'Update filters',
    confirm: 'Apply filters',
    deniedAction: 'change the filters',
    rollout:
      'The new filters roll out node by node, as each agent pod restarts with the new configuration.',
  },
};

/** Where the form starts when the cluster has no filters of this plugin. */
const STARTING_SPEC: FilterSpec = { preset: 'balanced' };

/** The backend's own words as well, since a ResponseError's message only names the status. */
function errorText(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  if (
    cause instanceof Error &&
    cause.message &&
    cause.message !== error.message
  ) {
    return `${error.message}: ${cause.message}`;
  }
  return error.message;
}

function CostNotice({
  spec,
  mode,
}: {
  spec: FilterSpec;
  mode: ApplyFiltersMode;
}) {
  const presetText = spec.preset
    ? `Preset ${spec.preset}: ${FILTER_PRESET_DESCRIPTIONS[spec.preset] ?? ''}`
    : 'No preset: every record that the exclusions do not drop is shipped.';
  return (
    <Box mt={2}>
      <Typography variant="body2" paragraph>
        {presetText} Cloud Logging bills the ingested audit log volume per GiB,
        on every COS node the DaemonSet runs on. {MODES[mode].rollout}
      </Typography>
    </Box>
  );
}

/**
 * The button that enables audit logging on a cluster or changes its
 * filters, and the dialog behind it: a filter form validated as the user
 * types, a preview of the manifest, and what the change costs.
 *
 * @public
 */
export function ApplyFiltersButton(props: ApplyFiltersButtonProps) {
  const {
    entityRef,
    authProvider,
    mode,
    initialSpec,
    disabled,
    onStarted,
    onFinished,
  } = props;
  const text = MODES[mode];
  const [open, setOpen] = useState(false);
  const [spec, setSpec] = useState<FilterSpec>(initialSpec ?? STARTING_SPEC);
  const validation = useMemo(() => validateFilterSpec(spec), [spec]);
  const manifest = useManifestPreview(entityRef);
  const applying = useApplyFilters(entityRef, authProvider);

  const openDialog = () => {
    setSpec(initialSpec ?? STARTING_SPEC);
    manifest.clear();
    applying.reset();
    setOpen(true);
  };

  const closeDialog = () => {
    if (!applying.running) {
      setOpen(false);
    }
  };

  const changeSpec = (next: FilterSpec) => {
    setSpec(next);
    manifest.clear();
  };

  const confirm = async () => {
    if (!validation.valid) {
      return;
    }
    onStarted?.();
    const outcome = await applying.apply(validation.spec);
    if (outcome.result) {
      setOpen(false);
    }
    onFinished(outcome);
  };

  const titleId = `cos-auditd-apply-filters-${mode}-title`;

  return (
    <>
      <PermissionedButton
        permission={cosAuditdApplyPermission}
        entityRef={entityRef}
        deniedAction={text.deniedAction}
        disabled={disabled}
        variant={mode === 'enable' ? 'contained' : 'outlined'}
        color={mode === 'enable' ? 'primary' : 'default'}
        onClick={openDialog}
      >
        {text.label}
      </PermissionedButton>
      <Dialog
        open={open}
        onClose={closeDialog}
        maxWidth="md"
        fullWidth
        aria-labelledby={titleId}
      >
        <DialogTitle id={titleId}>{text.label}</DialogTitle>
        <DialogContent>
          <FilterSpecEditor
            value={spec}
            onChange={changeSpec}
            problems={validation.valid ? [] : validation.problems}
          />

          <Box mt={2}>
            <PermissionedButton
              permission={cosAuditdStatusReadPermission}
              entityRef={entityRef}
              deniedAction="preview the manifest"
              variant="outlined"
              size="small"
              disabled={!validation.valid || manifest.loading}
              onClick={() =>
                validation.valid && manifest.preview(validation.spec)
              }
            >
              Preview manifest
            </PermissionedButton>
          </Box>
          {manifest.loading && <Progress />}
          {manifest.error && (
            <Box mt={1}>
              <Alert severity="error">
                <AlertTitle>Could not render the manifest</AlertTitle>
                {errorText(manifest.error)}
              </Alert>
            </Box>
          )}
          {manifest.manifest !== undefined && (
            <Box mt={1} maxHeight={400} overflow="auto">
              <CodeSnippet
                text={manifest.manifest}
                language="yaml"
                showCopyCodeButton
              />
            </Box>
          )}

          <CostNotice spec={spec} mode={mode} />

          {applying.error && (
            <Alert severity="error">
              <AlertTitle>Could not apply the filters</AlertTitle>
              {errorText(applying.error)}
            </Alert>
          )}
          {applying.running && <LinearProgress aria-label="Applying" />}
        </DialogContent>
        <DialogActions>
          <Button onClick={closeDialog} disabled={applying.running}>
            Cancel
          </Button>
          <PermissionedButton
            permission={cosAuditdApplyPermission}
            entityRef={entityRef}
            deniedAction={text.deniedAction}
            variant="contained"
            color="primary"
            disabled={!validation.valid || applying.running}
            onClick={confirm}
          >
            {text.confirm}
          </PermissionedButton>
        </DialogActions>
      </Dialog>
    </>
  );
}

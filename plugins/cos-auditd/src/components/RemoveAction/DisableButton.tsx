import { Progress } from '@backstage/core-components';
import {
  cosAuditdRemovePermission,
  RemoveMode,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useId, useState } from 'react';
import { PermissionedButton } from '../PermissionedButton';
import { DEFAULT_REMOVE_MODE, REMOVE_MODE_CHOICES } from './removeModes';
import { RemoveOutcome, useRemoveAuditLogging } from './useRemoveAuditLogging';

/** @public */
export type DisableButtonProps = {
  /** The cluster entity, e.g. `resource:default/demo-gke-prod`. */
  entityRef: string;
  /** The entity's `kubernetes.io/auth-provider` annotation. */
  authProvider?: string;
  /** Disabled for another reason (say, an operation is already running). */
  disabled?: boolean;
  /** Called when the removal is sent, so the page can follow the rollout. */
  onStarted?: () => void;
  /**
   * Called with the result once the removal is over, or with its error. It
   * is called even if the button is gone by then.
   */
  onFinished: (outcome: RemoveOutcome) => void;
};

/**
 * "Disable audit logging": asks whether to turn audit logging off on every
 * node or only to stop shipping records, then removes it and waits until
 * every node has reported.
 *
 * @public
 */
export function DisableButton(props: DisableButtonProps) {
  const { entityRef, authProvider, disabled, onStarted, onFinished } = props;
  const { pending, error, remove, reset } = useRemoveAuditLogging(
    entityRef,
    authProvider,
  );
  // Unique ids tie the dialog and choices to their texts.
  const idPrefix = useId();
  const titleId = `${idPrefix}-title`;
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<RemoveMode>(DEFAULT_REMOVE_MODE);
  const choice =
    REMOVE_MODE_CHOICES.find(c => c.mode === mode) ?? REMOVE_MODE_CHOICES[0];

  const openDialog = () => {
    reset();
    setMode(DEFAULT_REMOVE_MODE);
    setOpen(true);
  };

  const close = () => {
    // The request cannot be called back, so the dialog stays to report it.
    if (!pending) {
      setOpen(false);
    }
  };

  const confirm = async () => {
    onStarted?.();
    const outcome = await remove(mode);
    if (outcome.result) {
      setOpen(false);
    }
    onFinished(outcome);
  };

  return (
    <>
      <PermissionedButton
        permission={cosAuditdRemovePermission}
        entityRef={entityRef}
        deniedAction="disable audit logging"
        variant="outlined"
        disabled={disabled}
        onClick={openDialog}
      >
        Disable audit logging
      </PermissionedButton>
      <Dialog open={open} onClose={close} aria-labelledby={titleId}>
        <DialogTitle id={titleId}>Disable audit logging</DialogTitle>
        <DialogContent>
          <RadioGroup
            aria-label="How to disable audit logging"
            name="cos-auditd-remove-mode"
            value={mode}
            onChange={(_e, value) => setMode(value as RemoveMode)}
          >
            {REMOVE_MODE_CHOICES.map(c => (
              <Box key={c.mode} mb={1}>
                <FormControlLabel
                  value={c.mode}
                  disabled={pending}
                  control={
                    <Radio
                      color="primary"
                      inputProps={{
                        'aria-describedby': `${idPrefix}-${c.mode}`,
                      }}
                    />
                  }
                  label={c.label}
                />
                <Typography
                  id={`${idPrefix}-${c.mode}`}
                  variant="body2"
                  color="textSecondary"
                >
                  {c.description}
                </Typography>
              </Box>
            ))}
          </RadioGroup>
          {pending && (
            <Box mt={2}>
              <Progress />
              <Typography variant="body2">{choice.pendingMessage}</Typography>
            </Box>
          )}
          {error && (
            <Box mt={2}>
              <Alert severity="error">{error.message}</Alert>
            </Box>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close} disabled={pending}>
            Cancel
          </Button>
          <Button
            onClick={confirm}
            disabled={pending}
            color="secondary"
            variant="contained"
          >
            {choice.confirmLabel}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

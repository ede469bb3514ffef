import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusWarning,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { ReactNode } from 'react';
import { ReloadingRequestState } from './useReloadingRequest';

/** @public */
export type ReloadingCardProps<T> = {
  title: string;
  /** What the card reads, for the refresh warning: "the status". */
  subject: string;
  state: ReloadingRequestState<T>;
  /** The card's content once a value was read. */
  children: (value: T) => ReactNode;
};

/**
 * An InfoCard over a {@link useReloadingRequest} state: progress until the
 * first answer, the error when there is none, then the content, with a
 * warning (and the last content kept) when a refresh fails. Its Refresh
 * button reads again.
 */
export function ReloadingCard<T>(props: ReloadingCardProps<T>) {
  const { title, subject, state, children } = props;
  const { value, loading, error, retry } = state;

  let body: ReactNode;
  if (value === undefined) {
    body = error ? <ResponseErrorPanel error={error} /> : <Progress />;
  } else {
    body = (
      <>
        {error && (
          <Box mb={2}>
            <StatusWarning>
              Could not refresh {subject}: {error.message}
            </StatusWarning>
          </Box>
        )}
        {children(value)}
      </>
    );
  }

  return (
    <InfoCard
      title={title}
      action={
        <Button size="small" onClick={retry} disabled={loading}>
          Refresh
        </Button>
      }
    >
      {body}
    </InfoCard>
  );
}

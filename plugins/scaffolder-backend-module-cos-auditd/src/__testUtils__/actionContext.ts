import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';

/**
 * `createMockActionContext` with a mock logger whose calls can be checked,
 * and the initiator's credentials and the scaffolder dry-run flag, which
 * the installed version (0.3.x) does not take from its options.
 */
export function actionContext<TInput extends JsonObject>(options: {
  input: TInput;
  credentials?: BackstageCredentials;
  isDryRun?: boolean;
}) {
  const logger = mockServices.logger.mock();
  const context: ActionContext<TInput> = {
    ...createMockActionContext<TInput>({ input: options.input, logger }),
    getInitiatorCredentials: async () =>
      options.credentials ?? mockCredentials.user(),
    isDryRun: options.isDryRun,
  };
  return Object.assign(context, { logger });
}

import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import { mockServices } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  createCosAuditdDisableAction,
  createCosAuditdEnableAction,
} from './actions';

const templatePath = path.resolve(
  __dirname,
  '../../../examples/template-enable-audit-logging.yaml',
);

describe('examples/template-enable-audit-logging.yaml', () => {
  const documents = parseAllDocuments(fs.readFileSync(templatePath, 'utf8'));
  const template = documents[0]?.toJS();

  const services = {
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
  };
  const actions = new Map(
    [
      createCosAuditdEnableAction(services),
      createCosAuditdDisableAction(services),
    ].map(action => [action.id, action]),
  );

  it('is one valid v1beta3 Template', async () => {
    expect(documents).toHaveLength(1);
    expect(documents[0].errors).toEqual([]);
    expect(await templateEntityV1beta3Validator.check(template)).toBe(true);
    expect(template.metadata.title).toBe(
      'Enable Linux audit logging on a GKE cluster',
    );
  });

  it('uses only the registered cos-auditd actions, with their input names', () => {
    expect(template.spec.steps.length).toBeGreaterThan(0);
    for (const step of template.spec.steps) {
      const action = actions.get(step.action);
      expect(action).toBeDefined();
      const known = Object.keys(action!.schema?.input?.properties ?? {});
      expect(Object.keys(step.input)).toEqual(
        expect.arrayContaining(
          (action!.schema?.input?.required as string[] | undefined) ?? [],
        ),
      );
      for (const name of Object.keys(step.input)) {
        expect(known).toContain(name);
      }
    }
  });

  it('picks a kubernetes-cluster Resource and offers the three presets, balanced by default', () => {
    const [page] = template.spec.parameters;
    expect(page.properties.cluster['ui:field']).toBe('EntityPicker');
    expect(page.properties.cluster['ui:options'].catalogFilter).toEqual({
      kind: 'Resource',
      'spec.type': 'kubernetes-cluster',
    });
    expect(page.properties.preset.enum).toEqual([
      'full',
      'balanced',
      'exec-and-login',
    ]);
    expect(page.properties.preset.enumNames).toHaveLength(3);
    expect(page.properties.preset.default).toBe('balanced');
    expect(page.properties.dryRun.type).toBe('boolean');
  });

  it("outputs a link to the cluster and the step's operation id and phase", () => {
    const { output } = template.spec;
    expect(output.links[0].entityRef).toBe('${{ parameters.cluster }}');
    const text = output.text.map((t: { content: string }) => t.content).join();
    expect(text).toContain('steps.enable.output.operationId');
    expect(text).toContain('steps.enable.output.phase');
    const outputs = Object.keys(
      actions.get('cos-auditd:enable')!.schema?.output?.properties ?? {},
    );
    for (const [, name] of text.matchAll(/steps\.enable\.output\.(\w+)/g)) {
      expect(outputs).toContain(name);
    }
  });
});

import { KubeError } from '../KubeError';
import { KubeObject } from '../objects';
import { ResourceType } from '../resources';

export type FieldRequirement = {
  field: string;
  operator: 'Equals' | 'NotEquals';
  value: string;
};

export type FieldSelector = FieldRequirement[];

/** Fields each resource can be selected by, as the real API server allows them. */
const SELECTABLE: Record<string, Record<string, (o: KubeObject) => string>> = {
  pods: {
    'spec.nodeName': o => stringAt(o, 'spec', 'nodeName'),
    'status.phase': o => stringAt(o, 'status', 'phase'),
    'spec.restartPolicy': o => stringAt(o, 'spec', 'restartPolicy'),
  },
  namespaces: { 'status.phase': o => stringAt(o, 'status', 'phase') },
  nodes: {
    'spec.unschedulable': o =>
      String(Boolean((o.spec as { unschedulable?: boolean })?.unschedulable)),
  },
};

function stringAt(object: KubeObject, section: string, field: string): string {
  const value = (object[section] as Record<string, unknown> | undefined)?.[
    field
  ];
  return typeof value === 'string' ? value : '';
}

/**
 * Parses the `fieldSelector` query parameter for a resource; a field the
 * resource cannot be selected by is a 400, as with the real API server.
 */
export function parseFieldSelector(
  text: string,
  resource: ResourceType,
): FieldSelector {
  const requirements: FieldSelector = [];
  for (const part of text.split(',')) {
    const term = part.trim();
    if (!term) {
      continue;
    }
    const match = /^([^=!]+)(!=|==|=)(.*)$/.exec(term);
    if (!match) {
      throw KubeError.badRequest(
        `invalid selector: '${term}'; can't understand '${term}'`,
      );
    }
    const field = match[1].trim();
    if (!fieldReader(field, resource)) {
      throw KubeError.badRequest(
        `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"${Object.keys(
          SELECTABLE[resource.plural] ?? {},
        )
          .map(f => `, "${f}"`)
          .join('')}`,
      );
    }
    requirements.push({
      field,
      operator: match[2] === '!=' ? 'NotEquals' : 'Equals',
      value: match[3].trim(),
    });
  }
  return requirements;
}

function fieldReader(
  field: string,
  resource: ResourceType,
): ((o: KubeObject) => string) | undefined {
  if (field === 'metadata.name') {
    return o => o.metadata.name ?? '';
  }
  if (field === 'metadata.namespace') {
    return o => o.metadata.namespace ?? '';
  }
  return SELECTABLE[resource.plural]?.[field];
}

export function matchesFields(
  selector: FieldSelector,
  object: KubeObject,
  resource: ResourceType,
): boolean {
  return selector.every(requirement => {
    const value = fieldReader(requirement.field, resource)!(object);
    return requirement.operator === 'Equals'
      ? value === requirement.value
      : value !== requirement.value;
  });
}

import { StatusCause } from '../KubeError';
import { isJsonObject, JsonObject, KubeObject } from '../objects';
import { ResourceType } from '../resources';
import {
  fromSelectorSpec,
  LabelSelectorSpec,
  matchesLabels,
} from '../selectors';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * The API server's validation of a object about to be stored, reduced to
 * what matters for the resources the simulator serves. An empty list means
 * valid; otherwise the causes of a 422 Invalid.
 */
export function validateObject(
  resource: ResourceType,
  object: KubeObject,
): StatusCause[] {
  const causes = validateMetadata(resource, object);
  switch (resource.plural) {
    case 'configmaps':
      causes.push(...validateConfigMap(object));
      break;
    case 'daemonsets':
      causes.push(...validateDaemonSet(object));
      break;
    case 'pods':
      causes.push(...validatePodSpec(object.spec, 'spec'));
      break;
    default:
      break;
  }
  return causes;
}

function validateMetadata(
  resource: ResourceType,
  object: KubeObject,
): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = object.metadata?.name;
  if (!name) {
    causes.push(required('metadata.name', 'name or generateName is required'));
  } else if (resource.plural === 'namespaces') {
    if (name.length > 63 || !DNS1123_LABEL.test(name)) {
      causes.push(
        invalid(
          'metadata.name',
          name,
          `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
        ),
      );
    }
  } else if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    causes.push(
      invalid(
        'metadata.name',
        name,
        `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      ),
    );
  }
  causes.push(...validateLabels(object.metadata?.labels, 'metadata.labels'));
  return causes;
}

function validateLabels(labels: unknown, field: string): StatusCause[] {
  if (labels === undefined) {
    return [];
  }
  if (!isJsonObject(labels)) {
    return [invalid(field, labels, 'must be a map of strings')];
  }
  const causes: StatusCause[] = [];
  for (const [key, value] of Object.entries(labels)) {
    if (
      typeof value !== 'string' ||
      value.length > 63 ||
      !LABEL_VALUE.test(value)
    ) {
      causes.push(
        invalid(
          field,
          value,
          `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
        ),
      );
    }
    if (key.length === 0 || key.length > 316) {
      causes.push(invalid(field, key, 'name part must be non-empty'));
    }
  }
  return causes;
}

function validateConfigMap(object: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const section of ['data', 'binaryData'] as const) {
    const data = object[section];
    if (data === undefined || data === null) {
      continue;
    }
    if (!isJsonObject(data)) {
      causes.push(invalid(section, data, 'must be a map of strings'));
      continue;
    }
    for (const [key, value] of Object.entries(data)) {
      if (!CONFIG_MAP_KEY.test(key)) {
        causes.push(
          invalid(
            section,
            key,
            `a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
          ),
        );
      }
      if (typeof value !== 'string') {
        causes.push(invalid(`${section}[${key}]`, value, 'must be a string'));
      }
    }
  }
  return causes;
}

function validateDaemonSet(object: KubeObject): StatusCause[] {
  const spec = object.spec;
  if (!isJsonObject(spec)) {
    return [required('spec.selector', '')];
  }
  const causes: StatusCause[] = [];
  const selector = spec.selector;
  const template = isJsonObject(spec.template) ? spec.template : {};
  const templateMetadata = isJsonObject(template.metadata)
    ? template.metadata
    : {};
  const templateLabels = templateMetadata.labels as
    | Record<string, string>
    | undefined;
  if (!isJsonObject(selector)) {
    causes.push(required('spec.selector', ''));
  } else {
    const selectorSpec = selector as LabelSelectorSpec;
    const empty =
      Object.keys(selectorSpec.matchLabels ?? {}).length === 0 &&
      (selectorSpec.matchExpressions ?? []).length === 0;
    if (empty) {
      causes.push(
        invalid(
          'spec.selector',
          selector,
          'empty selector is invalid for daemonset',
        ),
      );
    } else {
      let matches = false;
      try {
        matches = matchesLabels(fromSelectorSpec(selectorSpec), templateLabels);
      } catch {
        causes.push(
          invalid('spec.selector', selector, 'not a valid label selector'),
        );
      }
      if (!matches) {
        causes.push(
          invalid(
            'spec.template.metadata.labels',
            templateLabels ?? {},
            '`selector` does not match template `labels`',
          ),
        );
      }
    }
  }
  causes.push(
    ...validateLabels(templateLabels, 'spec.template.metadata.labels'),
  );
  causes.push(...validatePodSpec(template.spec, 'spec.template.spec'));
  const restartPolicy = isJsonObject(template.spec)
    ? template.spec.restartPolicy
    : undefined;
  if (restartPolicy !== undefined && restartPolicy !== 'Always') {
    causes.push({
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: "${String(
        restartPolicy,
      )}": supported values: "Always"`,
      field: 'spec.template.spec.restartPolicy',
    });
  }
  const strategy = isJsonObject(spec.updateStrategy)
    ? spec.updateStrategy
    : undefined;
  if (
    strategy &&
    !['RollingUpdate', 'OnDelete'].includes(String(strategy.type))
  ) {
    causes.push({
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: "${String(
        strategy.type,
      )}": supported values: "OnDelete", "RollingUpdate"`,
      field: 'spec.updateStrategy.type',
    });
  }
  const maxUnavailable = isJsonObject(strategy?.rollingUpdate)
    ? strategy.rollingUpdate.maxUnavailable
    : undefined;
  if (
    maxUnavailable !== undefined &&
    !(typeof maxUnavailable === 'number' && maxUnavailable >= 0) &&
    !(typeof maxUnavailable === 'string' && /^\d+%$/.test(maxUnavailable))
  ) {
    causes.push(
      invalid(
        'spec.updateStrategy.rollingUpdate.maxUnavailable',
        maxUnavailable,
        'must be a non-negative integer or a percentage',
      ),
    );
  }
  return causes;
}

function validatePodSpec(spec: unknown, field: string): StatusCause[] {
  if (!isJsonObject(spec)) {
    return [required(`${field}.containers`, '')];
  }
  const causes: StatusCause[] = [];
  const containers = spec.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    causes.push(required(`${field}.containers`, ''));
  }
  for (const list of ['initContainers', 'containers'] as const) {
    const items = spec[list];
    if (items === undefined) {
      continue;
    }
    if (!Array.isArray(items)) {
      causes.push(invalid(`${field}.${list}`, items, 'must be a list'));
      continue;
    }
    const seen = new Set<string>();
    items.forEach((item: JsonObject, index) => {
      const at = `${field}.${list}[${index}]`;
      if (typeof item?.name !== 'string' || item.name === '') {
        causes.push(required(`${at}.name`, ''));
      } else if (seen.has(item.name)) {
        causes.push({
          reason: 'FieldValueDuplicate',
          message: `Duplicate value: "${item.name}"`,
          field: `${at}.name`,
        });
      } else {
        seen.add(item.name);
      }
      if (typeof item?.image !== 'string' || item.image === '') {
        causes.push(required(`${at}.image`, ''));
      }
    });
  }
  return causes;
}

function required(field: string, detail: string): StatusCause {
  return {
    reason: 'FieldValueRequired',
    message: detail ? `Required value: ${detail}` : 'Required value',
    field,
  };
}

function invalid(field: string, value: unknown, detail: string): StatusCause {
  return {
    reason: 'FieldValueInvalid',
    message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
    field,
  };
}

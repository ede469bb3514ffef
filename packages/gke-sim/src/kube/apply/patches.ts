import { KubeError } from '../KubeError';
import { isJsonObject, jsonClone, JsonObject } from '../objects';
import { listKeyFields, mergeKeyedList } from './fieldPaths';

/** RFC 7386 JSON merge patch: objects merge, null removes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) {
    return jsonClone(patch);
  }
  const result: JsonObject = isJsonObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else {
      result[key] = mergePatch(result[key], value);
    }
  }
  return result;
}

/**
 * Strategic merge patch, as far as the simulator needs it: a merge patch in
 * which lists of containers, volumes, env and the like merge by their key.
 */
export function strategicMergePatch(
  target: unknown,
  patch: unknown,
  fieldName?: string,
): unknown {
  const keys = fieldName ? listKeyFields(fieldName) : undefined;
  if (Array.isArray(patch) && Array.isArray(target) && keys) {
    return mergeKeyedList(target, patch, keys, (existing, item) =>
      strategicMergePatch(existing, item),
    );
  }
  if (!isJsonObject(patch)) {
    return jsonClone(patch);
  }
  const result: JsonObject = isJsonObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else {
      result[key] = strategicMergePatch(result[key], value, key);
    }
  }
  return result;
}

type JsonPatchOperation = {
  op: 'add' | 'remove' | 'replace' | 'test' | 'move' | 'copy';
  path: string;
  value?: unknown;
  from?: string;
};

/** RFC 6902 JSON patch (what typed client calls send by default). */
export function jsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) {
    throw KubeError.badRequest('a JSON patch must be a list of operations');
  }
  let document = jsonClone(target);
  for (const operation of operations as JsonPatchOperation[]) {
    switch (operation.op) {
      case 'add':
      case 'replace':
        document = setPointer(
          document,
          operation.path,
          jsonClone(operation.value),
          operation.op,
        );
        break;
      case 'remove':
        document = removePointer(document, operation.path);
        break;
      case 'test':
        if (
          JSON.stringify(readPointer(document, operation.path)) !==
          JSON.stringify(operation.value)
        ) {
          throw new KubeError(
            422,
            'Invalid',
            `the test operation failed at ${operation.path}`,
          );
        }
        break;
      case 'copy':
      case 'move': {
        const value = jsonClone(readPointer(document, operation.from ?? ''));
        if (operation.op === 'move') {
          document = removePointer(document, operation.from ?? '');
        }
        document = setPointer(document, operation.path, value, 'add');
        break;
      }
      default:
        throw KubeError.badRequest(
          `unknown JSON patch operation "${(operation as { op: string }).op}"`,
        );
    }
  }
  return document;
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') {
    return [];
  }
  if (!pointer.startsWith('/')) {
    throw KubeError.badRequest(`invalid JSON pointer "${pointer}"`);
  }
  return pointer
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function readPointer(document: unknown, pointer: string): unknown {
  let current = document;
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(current)) {
      current = current[Number(segment)];
    } else if (isJsonObject(current)) {
      current = current[segment];
    } else {
      current = undefined;
    }
    if (current === undefined) {
      throw new KubeError(
        422,
        'Invalid',
        `the JSON patch path ${pointer} does not exist`,
      );
    }
  }
  return current;
}

function setPointer(
  document: unknown,
  pointer: string,
  value: unknown,
  op: 'add' | 'replace',
): unknown {
  const segments = pointerSegments(pointer);
  if (segments.length === 0) {
    return value;
  }
  const parent = readPointer(
    document,
    `/${segments.slice(0, -1).map(escapePointer).join('/')}`.replace(
      /^\/$/,
      '',
    ),
  );
  const last = segments[segments.length - 1];
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (op === 'add') {
      parent.splice(index, 0, value);
    } else {
      parent[index] = value;
    }
  } else if (isJsonObject(parent)) {
    if (op === 'replace' && !(last in parent)) {
      throw new KubeError(
        422,
        'Invalid',
        `the JSON patch path ${pointer} does not exist`,
      );
    }
    parent[last] = value;
  } else {
    throw new KubeError(
      422,
      'Invalid',
      `the JSON patch path ${pointer} does not exist`,
    );
  }
  return document;
}

function removePointer(document: unknown, pointer: string): unknown {
  const segments = pointerSegments(pointer);
  const parent = readPointer(
    document,
    `/${segments.slice(0, -1).map(escapePointer).join('/')}`.replace(
      /^\/$/,
      '',
    ),
  );
  const last = segments[segments.length - 1];
  readPointer(document, pointer);
  if (Array.isArray(parent)) {
    parent.splice(Number(last), 1);
  } else if (isJsonObject(parent)) {
    delete parent[last];
  }
  return document;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

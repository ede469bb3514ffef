import { useApi } from '@backstage/core-plugin-api';
import type { FilterSpec } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { useCallback, useRef, useState } from 'react';
import useMountedState from 'react-use/esm/useMountedState';
import { cosAuditdApiRef } from '../../api';

/** @public */
export type UseManifestPreviewResult = {
  /** The YAML an apply would send, once asked for. */
  manifest?: string;
  loading: boolean;
  error?: Error;
  /** Renders the manifest of these filters. */
  preview: (spec: FilterSpec) => void;
  /** Forgets the manifest, e.g. because the filters changed. */
  clear: () => void;
};

type State = { manifest?: string; error?: Error; loading: boolean };

/**
 * The manifest an apply of some filters would send, on request. A request
 * that is answered after `clear` (or a newer request) is ignored, so a
 * preview never shows filters other than the ones last asked for.
 *
 * @public
 */
export function useManifestPreview(
  entityRef: string,
): UseManifestPreviewResult {
  const api = useApi(cosAuditdApiRef);
  const isMounted = useMountedState();
  const [state, setState] = useState<State>({ loading: false });
  const lastRequest = useRef(0);

  const preview = useCallback(
    async (spec: FilterSpec) => {
      const request = ++lastRequest.current;
      setState({ loading: true });
      try {
        const manifest = await api.getManifest(entityRef, spec);
        if (isMounted() && request === lastRequest.current) {
          setState({ manifest, loading: false });
        }
      } catch (e) {
        if (isMounted() && request === lastRequest.current) {
          const error = e instanceof Error ? e : new Error(String(e));
          setState({ error, loading: false });
        }
      }
    },
    [api, entityRef, isMounted],
  );

  const clear = useCallback(() => {
    ++lastRequest.current;
    setState({ loading: false });
  }, []);

  return { ...state, preview, clear };
}

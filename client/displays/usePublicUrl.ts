/** The address phones use, when the server tells it (see sessions.ts); null until known. */
import { useEffect, useState } from 'react';
import { fetchSessions } from './sessions.ts';

export function usePublicUrl(): { readonly publicUrl: string | null; readonly known: boolean } {
  const [state, setState] = useState<{ publicUrl: string | null; known: boolean }>({
    publicUrl: null,
    known: false,
  });
  useEffect(() => {
    let live = true;
    fetchSessions()
      .then((info) => live && setState({ publicUrl: info.publicUrl, known: true }))
      .catch(() => live && setState({ publicUrl: null, known: true }));
    return () => {
      live = false;
    };
  }, []);
  return state;
}

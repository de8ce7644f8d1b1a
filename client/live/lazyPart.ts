/**
 * `React.lazy` for a part of the live page whose code loads when first shown. If it cannot load
 * (the network dropped, or the server was updated since the page loaded and the old file is
 * gone), the part shows nothing instead of taking the whole page down; a reload brings it back.
 */
import { lazy, type ComponentType } from 'react';

export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy<ComponentType<P>>(() =>
    load().then(
      (part) => ({ default: part }),
      () => ({ default: () => null }),
    ),
  );
}

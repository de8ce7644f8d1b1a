/** The overlay's entry (`/overlay/:session`, `?time` for the time left, `?lang=fr`). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from '../lib/connection.ts';
import { flag, sessionFromPath } from '../lib/route.ts';
import { langParam } from '../displays/pageOptions.ts';
import { PUBLIC } from '../i18n/catalogues.ts';
import { NAMES } from '../i18n/laterCatalogues.ts';
import { startLanguages } from '../lib/i18n.ts';
import { LangGate } from '../lib/LangGate.tsx';
import { OverlayApp } from './OverlayApp.tsx';
import '../lib/base.css';
import './overlay.css';

// The screen's language loads beside the connection; the page renders once it is there.
void startLanguages(PUBLIC, langParam(), { names: NAMES });
connect({ session: sessionFromPath() ?? '' });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <LangGate>
        <OverlayApp showTime={flag('time')} />
      </LangGate>
    </StrictMode>,
  );
}

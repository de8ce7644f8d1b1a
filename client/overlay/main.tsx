/** The overlay's entry (`/overlay/:session`, `?time` for the time left, `?lang=fr`). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from '../lib/connection.ts';
import { flag, sessionFromPath } from '../lib/route.ts';
import { applyLangParam } from '../displays/pageOptions.ts';
import { OverlayApp } from './OverlayApp.tsx';
import '../lib/base.css';
import './overlay.css';

applyLangParam();
connect({ session: sessionFromPath() ?? '' });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <OverlayApp showTime={flag('time')} />
    </StrictMode>,
  );
}

/** The live page's entry (`/` and `/live/:session`). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { sessionFromPath } from '../lib/route.ts';
import { applyLangParam } from '../displays/pageOptions.ts';
import { LiveRoot } from './LiveRoot.tsx';
import '../lib/base.css';
import './live.css';

applyLangParam();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <LiveRoot session={sessionFromPath()} />
    </StrictMode>,
  );
}

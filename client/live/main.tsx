/** The live page's entry (`/` and `/live/:session`). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { sessionFromPath } from '../lib/route.ts';
import { langParam } from '../displays/pageOptions.ts';
import { PUBLIC } from '../i18n/catalogues.ts';
import { addPart, loadNamesWith, startLanguages } from '../lib/i18n.ts';
import { LangGate } from '../lib/LangGate.tsx';
import { LiveRoot } from './LiveRoot.tsx';
import '../lib/base.css';
import './live.css';

// The phone's language loads beside the connection; the page renders once it is there.
void startLanguages(PUBLIC, langParam());
loadNamesWith(() => {
  import('../i18n/laterCatalogues.ts').then(({ NAMES }) => addPart('names', NAMES)).catch(() => {});
});
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <LangGate>
        <LiveRoot session={sessionFromPath()} />
      </LangGate>
    </StrictMode>,
  );
}

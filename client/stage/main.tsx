/**
 * The stage display's entry: takes the stage key out of the address (kept in this browser for the
 * next visit), connects as the stage, and renders. Without a key it still shows the meeting, as a
 * viewer, and says what it is missing.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from '../lib/connection.ts';
import { sessionFromPath, takeSecret } from '../lib/route.ts';
import { langParam } from '../displays/pageOptions.ts';
import { PUBLIC, STAGE } from '../i18n/catalogues.ts';
import { NAMES } from '../i18n/laterCatalogues.ts';
import { startLanguages } from '../lib/i18n.ts';
import { LangGate } from '../lib/LangGate.tsx';
import { StageApp } from './StageApp.tsx';
import { stageOptions } from './stageOptions.ts';
import '../lib/base.css';
import './stage.css';

// The screen's language loads beside the connection; the page renders once it is there.
void startLanguages(PUBLIC, langParam(), { stage: STAGE, names: NAMES });
const session = sessionFromPath() ?? '';
const stageKey = takeSecret('key', 'gavel.stageKey');
connect(stageKey ? { session, stageKey } : { session });
document.title = 'Gavel — stage';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <LangGate>
        <StageApp options={stageOptions(location.search)} hasKey={stageKey !== null} />
      </LangGate>
    </StrictMode>,
  );
}

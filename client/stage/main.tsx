/**
 * The stage display's entry: takes the stage key out of the address (kept in this browser for the
 * next visit), connects as the stage, and renders. Without a key it still shows the meeting, as a
 * viewer, and says what it is missing.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from '../lib/connection.ts';
import { sessionFromPath, takeSecret } from '../lib/route.ts';
import { applyLangParam } from '../displays/pageOptions.ts';
import { StageApp } from './StageApp.tsx';
import { stageOptions } from './stageOptions.ts';
import '../lib/base.css';
import './stage.css';

applyLangParam();
const session = sessionFromPath() ?? '';
const stageKey = takeSecret('key', 'gavel.stageKey');
connect(stageKey ? { session, stageKey } : { session });
document.title = 'Gavel — stage';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <StageApp options={stageOptions(location.search)} hasKey={stageKey !== null} />
    </StrictMode>,
  );
}

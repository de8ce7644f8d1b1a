/**
 * The moderator console's entry: its own chunk, so a phone on the live page never downloads it.
 * The token is read (and taken out of the address bar) once, before anything renders.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../lib/base.css';
import './console.css';
import { DESK_PACKS } from '../i18n/deskPacks.ts';
import { startLanguages } from '../lib/i18n.ts';
import { sessionFromPath, takeSecret } from '../lib/route.ts';
import { ConsoleApp } from './ConsoleApp.tsx';
import { TOKEN_PARAM, TOKEN_STORAGE_KEY } from './token.ts';

const session = sessionFromPath();
const token = takeSecret(TOKEN_PARAM, TOKEN_STORAGE_KEY);
// English and French come with the page: its words are there before it renders.
void startLanguages(DESK_PACKS);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ConsoleApp session={session} initialToken={token} />
    </StrictMode>,
  );
}

import { createRoot } from 'react-dom/client';
import '../lib/base.css';
import './report.css';
import { DESK_PACKS } from '../i18n/deskPacks.ts';
import { startLanguages } from '../lib/i18n.ts';
import { sessionFromPath, takeSecret } from '../lib/route.ts';
import { ReportPage } from './ReportPage.tsx';

const session = sessionFromPath() ?? '';
const token = takeSecret('token', 'gavel.token');
// English and French come with the page: its words are there before it renders.
void startLanguages(DESK_PACKS);
const root = document.getElementById('root');
if (root) createRoot(root).render(<ReportPage session={session} token={token} />);

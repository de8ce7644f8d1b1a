import { createRoot } from 'react-dom/client';
import '../lib/base.css';
import './report.css';
import { sessionFromPath, takeSecret } from '../lib/route.ts';
import { ReportPage } from './ReportPage.tsx';

const session = sessionFromPath() ?? '';
const token = takeSecret('token', 'gavel.token');
const root = document.getElementById('root');
if (root) createRoot(root).render(<ReportPage session={session} token={token} />);

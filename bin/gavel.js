#!/usr/bin/env node
// Gavel's command line. The server is TypeScript run through tsx, so there is no build step
// between editing it and running it; this launcher only registers tsx and hands over.
import { register } from 'tsx/esm/api';

register();
await import('../server/main.ts');

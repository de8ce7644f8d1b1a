// Writes docs/programme.schema.json from the zod schema in shared/programme.ts, so editors can
// check a programme file as it is typed. `npm run schema`; a test checks the file is up to date.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { programmeJsonSchema } from '../shared/programmeSchema.ts';

const target = fileURLToPath(new URL('../docs/programme.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(programmeJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);

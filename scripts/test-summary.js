// Prints the suite's closing line in the plain form CI reads: "Tests: N passed, N failed".
// Vitest writes its results as JSON beside the build; this reads them after the run.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'dist/test-results.json';
const results = JSON.parse(readFileSync(file, 'utf8'));
const skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
console.log(
  `Tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`,
);

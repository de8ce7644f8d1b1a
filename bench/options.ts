/**
 * What `npm run bench` and `npm run soak` share on their command line: the words they take,
 * `--help`, and whole numbers read with a sentence when one is not.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Spec = NonNullable<ParseArgsConfig['options']>;

/** The options given, read strictly by `spec`; `--help` prints `help` and ends the process. */
export function readOptions<S extends Spec>(spec: S, help: string) {
  const { values } = parseArgs({
    options: { ...spec, help: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  if ((values as { help?: boolean }).help) {
    process.stdout.write(help);
    process.exit(0);
  }
  return values;
}

/** A whole number of at least `min` given as `--name`, else `fallback`. */
export function wholeNumber(
  name: string,
  text: string | boolean | undefined,
  fallback: number,
  min = 1,
): number {
  const n = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
  return n;
}

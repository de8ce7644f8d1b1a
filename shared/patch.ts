/**
 * Small structural patches between two versions of a view, so that a "next speaker" update to a
 * phone carries only what changed. Pure.
 */

/** One change: set the value at `p` (a path of keys and indexes), or delete it when `d` is set. */
export type PatchOp =
  | { readonly p: readonly (string | number)[]; readonly v: unknown }
  | { readonly p: readonly (string | number)[]; readonly d: 1 };

type Path = (string | number)[];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function size(ops: readonly PatchOp[]): number {
  return JSON.stringify(ops).length;
}

/*
 * The walk keeps one path, pushed and popped as it goes down and back up, and one list of
 * changes: a path is copied only into a change that is emitted, and a level that would rather send
 * its whole value takes back what its children emitted. Views are rebuilt for every command, so
 * the walk visits every key of the view each time, and a copy of the path at each of them made
 * most of a command's garbage.
 */

/** The whole of `b` at `path` instead of the changes from `start` on, when that is smaller. */
function wholeIfSmaller(b: unknown, path: Path, out: PatchOp[], start: number): void {
  const whole: PatchOp = { p: [...path], v: b };
  if (size(out.slice(start)) > size([whole])) {
    out.length = start;
    out.push(whole);
  }
}

function diffArrays(a: readonly unknown[], b: readonly unknown[], path: Path, out: PatchOp[]) {
  const start = out.length;
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) {
    path.push(i);
    diffInto(a[i], b[i], path, out);
    path.pop();
  }
  for (let i = common; i < b.length; i++) out.push({ p: [...path, i], v: b[i] });
  // Deletes go from the end, so each index is still where the client expects it.
  for (let i = a.length - 1; i >= b.length; i--) out.push({ p: [...path, i], d: 1 });
  if (out.length > start) wholeIfSmaller(b, path, out, start);
}

function diffInto(a: unknown, b: unknown, path: Path, out: PatchOp[]): void {
  if (Object.is(a, b)) return;
  if (isPlainObject(a) && isPlainObject(b)) {
    const start = out.length;
    for (const key in a) {
      if (a[key] !== undefined && b[key] === undefined) out.push({ p: [...path, key], d: 1 });
    }
    for (const key in b) {
      if (b[key] === undefined) continue;
      path.push(key);
      diffInto(a[key], b[key], path, out);
      path.pop();
    }
    // A new timer changes most of its fields: one whole object is then smaller than its parts.
    if (path.length > 0 && out.length - start > 1) wholeIfSmaller(b, path, out, start);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    diffArrays(a, b, path, out);
    return;
  }
  if (typeof a === 'object' || typeof b === 'object' || a !== b) out.push({ p: [...path], v: b });
}

/**
 * The changes that turn `a` into `b` under `applyPatch`. Objects are compared key by key and
 * lists index by index, a list that grew sends only its new entries (a new turn, a request
 * joining the queue) and one that shrank deletes from its end; for lists and objects alike,
 * whichever of that and replacing the whole value is smaller wins. Pure.
 */
export function diff(a: unknown, b: unknown): PatchOp[] {
  const out: PatchOp[] = [];
  diffInto(a, b, [], out);
  return out;
}

function cloneShallow(v: unknown): unknown {
  if (Array.isArray(v)) return [...v];
  if (isPlainObject(v)) return { ...v };
  return v;
}

/**
 * Applies changes to a document without touching it: the parts on each changed path are copied,
 * the rest is shared. Pure.
 */
export function applyPatch<T>(doc: T, ops: readonly PatchOp[]): T {
  let root: unknown = doc;
  for (const op of ops) {
    if (op.p.length === 0) {
      root = 'd' in op ? undefined : op.v;
      continue;
    }
    root = cloneShallow(root);
    let node = root as Record<string | number, unknown>;
    for (let i = 0; i < op.p.length - 1; i++) {
      const key = op.p[i] as string | number;
      const child = cloneShallow(node[key]);
      node[key] = child;
      node = child as Record<string | number, unknown>;
    }
    const last = op.p[op.p.length - 1] as string | number;
    if ('d' in op) {
      if (Array.isArray(node)) node.splice(Number(last), 1);
      else delete node[last];
    } else node[last] = op.v;
  }
  return root as T;
}

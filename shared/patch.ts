/**
 * Small structural patches between two versions of a view, so that a "next speaker" update to a
 * phone carries only what changed. Pure.
 */

/** One change: set the value at `p` (a path of keys and indexes), or delete it when `d` is set. */
export type PatchOp =
  | { readonly p: readonly (string | number)[]; readonly v: unknown }
  | { readonly p: readonly (string | number)[]; readonly d: 1 };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The changes that turn `a` into `b`. Objects are compared key by key and arrays index by index
 * (with elements appended or cut at the end); anything else that differs is replaced whole. Pure.
 */
export function diff(
  a: unknown,
  b: unknown,
  path: (string | number)[] = [],
  out: PatchOp[] = [],
): PatchOp[] {
  if (Object.is(a, b)) return out;
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const key of Object.keys(a)) {
      if (!(key in b) || b[key] === undefined) {
        if (a[key] !== undefined) out.push({ p: [...path, key], d: 1 });
      }
    }
    for (const key of Object.keys(b)) {
      if (b[key] === undefined) continue;
      diff(a[key], b[key], [...path, key], out);
    }
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    // Lists mostly grow at the end (turns, requests): compare the common part, then append or
    // cut from the end. Anything else (a list that shrank at its start) is replaced whole.
    const common = Math.min(a.length, b.length);
    const ops: PatchOp[] = [];
    for (let i = 0; i < common; i++) diff(a[i], b[i], [...path, i], ops);
    for (let i = common; i < b.length; i++) ops.push({ p: [...path, i], v: b[i] });
    for (let i = a.length - 1; i >= common; i--) ops.push({ p: [...path, i], d: 1 });
    if (ops.length > common / 2 + 2 && ops.length > 3) out.push({ p: path, v: b });
    else out.push(...ops);
    return out;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ p: path, v: b });
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

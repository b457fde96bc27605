// The crossing between JavaScript and the wasm validator (docs/decisions/0008), both ways:
// encode() flattens a JavaScript value in one pass, at JIT speed, into one byte buffer, so
// that crossing into wasm costs one copy instead of several calls per value; report()
// builds the report object from one string, so that crossing back costs one call.
//
// It decides nothing about referrals: it only says what each value *is* (JSON can hold it,
// or not and why). Every rule lives in Rust. src/json/flat.rs reads this format.
//
// encode(v) returns one Uint8Array (little-endian, as wasm memory is; valid until the next
// call) and keeps the values JSON cannot hold for originals(). The bytes hold:
//   header  4 × u32: the number of tags, of lens, of nums, and the byte length of text
//   nums    f64 each: the numbers, in order
//   lens    u32 each: per string its UTF-16 length, per array its item count, per object its
//           member count, per value JSON cannot hold its kind
//   tags    one byte per value: 0 null/undefined, 1 false, 2 true, 3 number (next of nums),
//           4 string (next of lens: its UTF-16 length; its text is next in `text`),
//           5 array (next of lens: item count), 6 object (next of lens: member count, then
//           per member a key string and a value), 7 not JSON (next of lens: the kind;
//           the value is next of originals()). Kinds are listed below; keep them equal to
//           ForeignKind in src/json.rs.
//   text    every string and key, joined, as UTF-8.

const NON_FINITE = 0, LONE_SURROGATE = 1, BIGINT = 2, SYMBOL = 3, FUNCTION = 4,
  NON_PLAIN = 5, CYCLE = 6, TOO_DEEP = 7, UNREADABLE = 8, TOO_LARGE = 9;
// Keep equal to MAX_DEPTH and MAX_VALUES in src/json.rs: native and wasm refuse the same
// documents (spec §11.16). 128 levels of arrays and objects are read, 129 are not.
const MAX_DEPTH = 128;
// Every value visited counts, a shared one each time it is met, so the work any JS value
// can cause is bounded whatever its shape (shared references would otherwise multiply it).
const MAX_VALUES = 1000000;

const wellFormed = typeof String.prototype.isWellFormed === "function"
  ? (s) => s.isWellFormed()
  : (s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
const safeKey = (k) => (wellFormed(k) ? k : k.replace(/[\uD800-\uDFFF]/g, "\uFFFD"));
const utf8 = new TextEncoder();

// Thrown to abandon the walk: the whole document is refused, as the native reader refuses it.
class Refused { constructor(kind) { this.kind = kind; } }

// The growable arrays one walk writes into, kept between calls so that a steady stream of
// documents allocates nothing but the result. A getter that calls validate() while a walk
// is under way gets arrays of its own.
class Arrays {
  constructor() {
    this.tags = new Uint8Array(256);
    this.lens = new Uint32Array(256);
    this.nums = new Float64Array(32);
    this.nt = 0; this.nl = 0; this.nn = 0;
    this.out(8192);
  }

  // The buffer the result is packed into, and its views (made once, not per call).
  out(size) {
    this.bytes = new Uint8Array(Math.ceil(size / 8) * 8);
    this.words = new Uint32Array(this.bytes.buffer);
    this.doubles = new Float64Array(this.bytes.buffer);
  }
}
let spare = new Arrays();

const grown = (a) => { const b = new a.constructor(a.length * 2); b.set(a); return b; };

let lastOriginals = [];

export function encode(root) {
  const a = spare ?? new Arrays();
  spare = null;
  a.nt = 0; a.nl = 0; a.nn = 0;
  const originals = [];
  let text = "";
  try {
    text = walkAll(root, a, originals);
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    a.nt = 0; a.nl = 0; a.nn = 0; text = "";
    a.tags[a.nt++] = 7; a.lens[a.nl++] = e.kind;
    originals.length = 0; originals.push(root);
  } finally {
    // Arrays grown by an unusually large document are let go rather than kept.
    spare = a.lens.length <= 65536 && a.bytes.length <= 1 << 20 ? a : new Arrays();
  }
  lastOriginals = originals;
  return pack(a, text);
}

// The values JSON cannot hold met by the last encode(), by id.
export function originals() {
  return lastOriginals;
}

function pack(a, text) {
  const numsAt = 16, lensAt = numsAt + a.nn * 8, tagsAt = lensAt + a.nl * 4;
  const textAt = tagsAt + a.nt;
  // UTF-8 takes at most 3 bytes per UTF-16 unit.
  if (a.bytes.length < textAt + text.length * 3) a.out(2 * (textAt + text.length * 3));
  const { bytes, words, doubles } = a;
  doubles.set(a.nums.subarray(0, a.nn), numsAt / 8);
  words.set(a.lens.subarray(0, a.nl), lensAt / 4);
  bytes.set(a.tags.subarray(0, a.nt), tagsAt);
  const { written } = utf8.encodeInto(text, bytes.subarray(textAt));
  words[0] = a.nt; words[1] = a.nl; words[2] = a.nn; words[3] = written;
  return bytes.subarray(0, textAt + written);
}

// The walk is module-level functions over one state object, not closures made per call:
// V8 runs it about 1.6 times as fast (make bench-wasm, docs/decisions/0008).
//
// `st.text` gathers every string and key by `+=` (V8 links the pieces into a rope, which
// encodeInto flattens once) rather than pushed to an array and joined: the full example has
// 129 pieces, and `join("")` alone cost more than the rest of the text's way into the
// buffer (encode() alone 5.6 → 4.7 µs, Node 20; docs/decisions/0008). The state object is
// made per call on purpose: keeping `text` on the long-lived Arrays instead was 0.4 µs
// slower (a young string stored into an old object pays V8's write barrier at every `+=`).
//
// `st.ancestors[d]` is the object being read at depth d: the values above one at depth
// `depth` are exactly ancestors[0 .. depth-1], so entries left beyond that by an earlier
// branch are never looked at and nothing needs popping (about 1 % faster than push, pop and
// includes; the array dies with the call, so it keeps no document alive).
function walkAll(root, a, originals) {
  const st = { a, text: "", originals, ancestors: [], visited: 0, inherited: inheritedKeys() };
  walk(root, 0, st);
  return st.text;
}

function tag(a, t) { if (a.nt === a.tags.length) a.tags = grown(a.tags); a.tags[a.nt++] = t; }
function len(a, n) { if (a.nl === a.lens.length) a.lens = grown(a.lens); a.lens[a.nl++] = n; }
function notJson(st, kind, v) { tag(st.a, 7); len(st.a, kind); st.originals.push(v); }

function walk(v, depth, st) {
  const a = st.a;
  if (++st.visited > MAX_VALUES) throw new Refused(TOO_LARGE);
  switch (typeof v) {
    case "undefined": tag(a, 0); return;
    case "boolean": tag(a, v ? 2 : 1); return;
    case "number":
      if (Number.isFinite(v)) {
        tag(a, 3);
        if (a.nn === a.nums.length) a.nums = grown(a.nums);
        a.nums[a.nn++] = v;
      } else notJson(st, NON_FINITE, v);
      return;
    case "string":
      if (wellFormed(v)) { tag(a, 4); st.text += v; len(a, v.length); } else notJson(st, LONE_SURROGATE, v);
      return;
    case "bigint": notJson(st, BIGINT, v); return;
    case "symbol": notJson(st, SYMBOL, v); return;
    case "function": notJson(st, FUNCTION, v); return;
  }
  if (v === null) { tag(a, 0); return; }
  const ancestors = st.ancestors;
  for (let i = 0; i < depth; i++) if (ancestors[i] === v) { notJson(st, CYCLE, v); return; }
  if (depth >= MAX_DEPTH) throw new Refused(TOO_DEEP);
  let isArray, n = 0;
  try {
    isArray = Array.isArray(v);
    if (isArray) {
      // A length that cannot be read (a Proxy whose getter throws) is unreadable, never
      // an empty list.
      n = v.length >>> 0;
    } else {
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) { notJson(st, NON_PLAIN, v); return; }
    }
  } catch {
    notJson(st, UNREADABLE, v);
    return;
  }
  ancestors[depth] = v;
  if (isArray) {
    // Each item is at least one more value: refuse before reading them.
    if (st.visited + n > MAX_VALUES) throw new Refused(TOO_LARGE);
    tag(a, 5); len(a, n);
    for (let i = 0; i < n; i++) {
      let item;
      try { item = v[i]; } catch { ++st.visited; notJson(st, UNREADABLE, undefined); continue; }
      walk(item, depth + 1, st);
    }
  } else {
    members(v, depth, st);
  }
}

// An object's own enumerable string keys, in Object.keys order, read with `for…in`: V8
// reads `v[k]` inside `for (k in v)` from the object's enumeration cache instead of looking
// each name up, which made encode() 1.1–1.4 µs (a quarter) faster on the full example
// (docs/decisions/0008). `for…in` also visits inherited enumerable keys: the prototype is
// Object.prototype or null (checked above), and inheritedKeys() (once per call) says whether
// Object.prototype has any, in which case inherited ones are skipped by name. The count is
// written once the members are read. A Proxy's traps may throw during the enumeration
// itself (ownKeys, getOwnPropertyDescriptor, has): the object is then unreadable, and
// whatever of it was written is taken back.
function members(v, depth, st) {
  const a = st.a;
  // Where the object starts, to take it back whole.
  const nt = a.nt, nl = a.nl, nn = a.nn, text = st.text, originals = st.originals.length;
  tag(a, 6); len(a, 0);
  let n = 0;
  try {
    for (const k in v) {
      if (st.inherited && !Object.hasOwn(v, k)) continue;
      n++;
      const key = safeKey(k);
      st.text += key; len(a, key.length);
      let item;
      try { item = v[k]; } catch { ++st.visited; notJson(st, UNREADABLE, undefined); continue; }
      walk(item, depth + 1, st);
    }
  } catch (e) {
    if (e instanceof Refused) throw e;
    a.nt = nt; a.nl = nl; a.nn = nn; st.text = text;
    st.originals.length = originals;
    notJson(st, UNREADABLE, v);
    return;
  }
  a.lens[nl] = n;
}

// Whether Object.prototype has enumerable properties (someone added one), which `for…in`
// would visit on every plain object.
function inheritedKeys() {
  for (const _ in Object.prototype) return true;
  return false;
}

// The report `{valid, errors, warnings}` from the validator's one string `text` holding
// every issue's path, code and message in turn, errors first; `lens` gives their UTF-16
// lengths and `errors` how many issues are errors.
export function report(valid, errors, lens, text) {
  const out = { valid, errors: [], warnings: [] };
  let at = 0;
  const next = (i) => text.slice(at, (at += lens[i]));
  for (let i = 0; i + 2 < lens.length; i += 3) {
    const issue = { path: next(i), code: next(i + 1), message: next(i + 2) };
    (i / 3 < errors ? out.errors : out.warnings).push(issue);
  }
  return out;
}

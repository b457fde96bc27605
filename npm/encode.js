// Flattens a JavaScript value for the wasm validator in one pass, at JIT speed, so that
// crossing into wasm costs a handful of calls instead of several per value.
//
// It decides nothing about referrals: it only says what each value *is* (JSON can hold it,
// or not and why). Every rule lives in Rust. src/wasm/decode.rs reads this format.
//
//   tags    one byte per value: 0 null/undefined, 1 false, 2 true, 3 number (next of nums),
//           4 string (next of lens: its UTF-16 length; its text is next in `text`),
//           5 array (next of lens: item count), 6 object (next of lens: member count, then
//           per member a key string and a value), 7 not JSON (next of lens: the kind;
//           the value is next of `originals`). Kinds are listed below; keep them equal to
//           ForeignKind in src/json.rs.
//   text    every string and key, joined.

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

// Thrown to abandon the walk: the whole document is refused, as the native reader refuses it.
class Refused { constructor(kind) { this.kind = kind; } }

export function encode(root) {
  try {
    return walkAll(root);
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    return {
      tags: Uint8Array.of(7),
      lens: Uint32Array.of(e.kind),
      nums: new Float64Array(0),
      text: "",
      originals: [root],
    };
  }
}

function walkAll(root) {
  const tags = [], lens = [], nums = [], parts = [], originals = [], ancestors = [];
  let visited = 0;
  const notJson = (kind, v) => { tags.push(7); lens.push(kind); originals.push(v); };
  const text = (s) => { parts.push(s); lens.push(s.length); };

  function walk(v, depth) {
    if (++visited > MAX_VALUES) throw new Refused(TOO_LARGE);
    switch (typeof v) {
      case "undefined": tags.push(0); return;
      case "boolean": tags.push(v ? 2 : 1); return;
      case "number":
        if (Number.isFinite(v)) { tags.push(3); nums.push(v); } else notJson(NON_FINITE, v);
        return;
      case "string":
        if (wellFormed(v)) { tags.push(4); text(v); } else notJson(LONE_SURROGATE, v);
        return;
      case "bigint": notJson(BIGINT, v); return;
      case "symbol": notJson(SYMBOL, v); return;
      case "function": notJson(FUNCTION, v); return;
    }
    if (v === null) { tags.push(0); return; }
    if (ancestors.includes(v)) { notJson(CYCLE, v); return; }
    if (depth >= MAX_DEPTH) throw new Refused(TOO_DEEP);
    let isArray, keys, n = 0;
    try {
      isArray = Array.isArray(v);
      if (isArray) {
        // A length that cannot be read (a Proxy whose getter throws) is unreadable, never
        // an empty list.
        n = v.length >>> 0;
      } else {
        const proto = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) { notJson(NON_PLAIN, v); return; }
        keys = Object.keys(v);
      }
    } catch {
      notJson(UNREADABLE, v);
      return;
    }
    // Each item or member is at least one more value: refuse before reading them.
    if (visited + (isArray ? n : keys.length) > MAX_VALUES) throw new Refused(TOO_LARGE);
    ancestors.push(v);
    if (isArray) {
      tags.push(5); lens.push(n);
      for (let i = 0; i < n; i++) {
        let item;
        try { item = v[i]; } catch { ++visited; notJson(UNREADABLE, undefined); continue; }
        walk(item, depth + 1);
      }
    } else {
      tags.push(6); lens.push(keys.length);
      for (const k of keys) {
        text(safeKey(k));
        let item;
        try { item = v[k]; } catch { ++visited; notJson(UNREADABLE, undefined); continue; }
        walk(item, depth + 1);
      }
    }
    ancestors.pop();
  }

  walk(root, 0);
  return {
    tags: Uint8Array.from(tags),
    lens: Uint32Array.from(lens),
    nums: Float64Array.from(nums),
    text: parts.join(""),
    originals,
  };
}

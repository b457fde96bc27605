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
const MAX_DEPTH = 128;
// Far beyond any referral (lists hold 20 items); bounds the work a sparse array can cause.
const MAX_ARRAY = 100000;

const wellFormed = typeof String.prototype.isWellFormed === "function"
  ? (s) => s.isWellFormed()
  : (s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
const safeKey = (k) => (wellFormed(k) ? k : k.replace(/[\uD800-\uDFFF]/g, "\uFFFD"));

export function encode(root) {
  const tags = [], lens = [], nums = [], parts = [], originals = [], ancestors = [];
  const notJson = (kind, v) => { tags.push(7); lens.push(kind); originals.push(v); };
  const text = (s) => { parts.push(s); lens.push(s.length); };

  function walk(v, depth) {
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
    if (depth >= MAX_DEPTH) { notJson(TOO_DEEP, v); return; }
    if (ancestors.includes(v)) { notJson(CYCLE, v); return; }
    let isArray, keys;
    try {
      isArray = Array.isArray(v);
      if (!isArray) {
        const proto = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) { notJson(NON_PLAIN, v); return; }
        keys = Object.keys(v);
      }
    } catch {
      notJson(UNREADABLE, v);
      return;
    }
    ancestors.push(v);
    if (isArray) {
      let n = 0;
      try { n = v.length >>> 0; } catch { n = 0; }
      if (n > MAX_ARRAY) { ancestors.pop(); notJson(TOO_LARGE, v); return; }
      tags.push(5); lens.push(n);
      for (let i = 0; i < n; i++) {
        let item;
        try { item = v[i]; } catch { notJson(UNREADABLE, undefined); continue; }
        walk(item, depth + 1);
      }
    } else {
      tags.push(6); lens.push(keys.length);
      for (const k of keys) {
        text(safeKey(k));
        let item;
        try { item = v[k]; } catch { notJson(UNREADABLE, undefined); continue; }
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

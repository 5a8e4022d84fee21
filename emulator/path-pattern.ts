// Fault rules name the paths they hit with a small regular-expression subset that is matched in time
// linear in the path (a Thompson-style simulation of every position at once), so no rule — whoever
// posts it to /_emulator/faults — can make the emulator backtrack for seconds on a long path.

export interface PathPattern {
  readonly source: string;
  test(path: string): boolean;
}

interface Atom {
  match(c: string): boolean;
  /** "1" exactly once, "?" at most once, "*" any number of times. */
  q: "1" | "?" | "*";
}

const SUPPORTED =
  "literal characters, '.', classes such as [^/] or [a-z0-9], \\d \\w \\s, escaped metacharacters, " +
  "the quantifiers * + ? after a single character or class, and ^ / $ at the ends";

const CLASSES: Record<string, (c: string) => boolean> = {
  d: (c) => c >= "0" && c <= "9",
  w: (c) => /[A-Za-z0-9_]/.test(c),
  s: (c) => /\s/.test(c),
};

/** A bracket class starting after '['; returns the matcher and the index after ']'. */
function bracket(p: string, start: number): [(c: string) => boolean, number] {
  let i = start;
  const negate = p[i] === "^";
  if (negate) i++;
  const parts: ((c: string) => boolean)[] = [];
  for (let first = true; i < p.length && (p[i] !== "]" || first); first = false) {
    let c = p[i]!;
    if (c === "\\") {
      const e = p[i + 1];
      if (e === undefined) break;
      i += 2;
      const cls = CLASSES[e];
      if (cls) {
        parts.push(cls);
        continue;
      }
      c = e;
    } else i++;
    if (p[i] === "-" && p[i + 1] !== undefined && p[i + 1] !== "]") {
      const hi = p[i + 1] === "\\" ? p[i + 2] : p[i + 1];
      if (hi === undefined) break;
      i += p[i + 1] === "\\" ? 3 : 2;
      const lo = c;
      parts.push((x) => x >= lo && x <= hi);
    } else parts.push((x) => x === c);
  }
  if (p[i] !== "]") throw new Error("a '[' class is not closed");
  return [(c) => parts.some((f) => f(c)) !== negate, i + 1];
}

function parse(p: string): { atoms: Atom[]; start: boolean; end: boolean } {
  const start = p.startsWith("^");
  const end = p.endsWith("$") && !p.endsWith("\\$");
  const body = p.slice(start ? 1 : 0, end ? -1 : undefined);
  const atoms: Atom[] = [];
  for (let i = 0; i < body.length; ) {
    const c = body[i]!;
    let match: (x: string) => boolean;
    if ("()|{}^$".includes(c)) throw new Error(`'${c}' is not supported`);
    if ("*+?".includes(c)) throw new Error(`'${c}' must follow a character or class`);
    if (c === "[") [match, i] = bracket(body, i + 1);
    else if (c === "\\") {
      const e = body[i + 1];
      if (e === undefined) throw new Error("a trailing '\\'");
      if (/[0-9bBkpPux]/.test(e)) throw new Error(`'\\${e}' is not supported`);
      match = CLASSES[e] ?? ((x) => x === e);
      i += 2;
    } else {
      match = c === "." ? (x) => x !== "\n" : (x) => x === c;
      i++;
    }
    const q = body[i];
    if (q === "*" || q === "?") {
      atoms.push({ match, q });
      i++;
    } else if (q === "+") {
      atoms.push({ match, q: "1" }, { match, q: "*" });
      i++;
    } else atoms.push({ match, q: "1" });
    if (body[i] !== undefined && "*+?".includes(body[i]!)) throw new Error("a quantifier follows another");
  }
  return { atoms, start, end };
}

/** Compiles a fault rule's path; throws an Error saying what is not supported. */
export function compilePathPattern(source: string): PathPattern {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(source);
  } catch (e) {
    throw new Error(`${(e as Error).message} in '${source}'; supported: ${SUPPORTED}.`);
  }
  const { atoms, start, end } = parsed;
  const n = atoms.length;
  const close = (set: Set<number>, i: number) => {
    for (let s = i; !set.has(s); s++) {
      set.add(s);
      if (s >= n || atoms[s]!.q === "1") break;
    }
  };
  return {
    source,
    test(path: string): boolean {
      let states = new Set<number>();
      close(states, 0);
      for (let k = 0; ; k++) {
        if (states.has(n) && (!end || k === path.length)) return true;
        if (k === path.length) return false;
        const c = path[k]!;
        const next = new Set<number>();
        for (const s of states) {
          const a = atoms[s];
          if (a?.match(c)) close(next, a.q === "*" ? s : s + 1);
        }
        if (!start) close(next, 0); // unanchored: a match may begin at any position
        states = next;
      }
    },
  };
}

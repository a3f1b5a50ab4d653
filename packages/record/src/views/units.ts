/**
 * Units of measure: just enough UCUM (https://ucum.org/ucum) to tell whether two units of one
 * test measure the same kind of quantity and, if so, by what factor they differ — `g` and `kg`,
 * `mg/dL` and `g/L`, `mm[Hg]` and `kPa`, `[lb_av]` and `kg`, `Cel` and `[degF]`. Conversions
 * that need more than the units (mmol/L ↔ mg/dL of glucose needs the molar mass; HbA1c % ↔
 * mmol/mol is an equation) are refused, so such results stay in separate series rather than be
 * silently mixed.
 *
 * Also the unit as a person reads it (`mm[Hg]` → "mmHg", `Cel` → "°C").
 */

/** A parsed unit: a value `v` in it is `v * factor + offset` in base units of `dims`. */
export interface ParsedUnit {
  readonly factor: number;
  readonly offset: number;
  /** Exponents of base dimensions (`g`, `m`, `s`, `mol`, …); arbitrary units have their own. */
  readonly dims: Readonly<Record<string, number>>;
  /**
   * Every base dimension the unit mentions, even where they cancel: `mmol/mol` and `%` are both
   * dimensionless to UCUM, but an HbA1c in mmol/mol is not 0.1 of one in %, so ratios of
   * different kinds are kept apart.
   */
  readonly seen: readonly string[];
}

type Atom = { readonly factor: number; readonly dims: Readonly<Record<string, number>>; readonly metric: boolean };

const PA = { g: 1, m: -1, s: -2 }; // pascal = kg/(m·s²) → base g: 1000 g/(m·s²)
const ATOMS: Readonly<Record<string, Atom>> = {
  m: { factor: 1, dims: { m: 1 }, metric: true },
  g: { factor: 1, dims: { g: 1 }, metric: true },
  s: { factor: 1, dims: { s: 1 }, metric: true },
  L: { factor: 1e-3, dims: { m: 3 }, metric: true },
  l: { factor: 1e-3, dims: { m: 3 }, metric: true },
  mol: { factor: 1, dims: { mol: 1 }, metric: true },
  eq: { factor: 1, dims: { eq: 1 }, metric: true },
  osm: { factor: 1, dims: { osm: 1 }, metric: true },
  kat: { factor: 1, dims: { mol: 1, s: -1 }, metric: true },
  U: { factor: 1e-6 / 60, dims: { mol: 1, s: -1 }, metric: true },
  '[IU]': { factor: 1, dims: { '[IU]': 1 }, metric: true },
  '[iU]': { factor: 1, dims: { '[IU]': 1 }, metric: true },
  Pa: { factor: 1000, dims: PA, metric: true },
  bar: { factor: 1e8, dims: PA, metric: true },
  'm[Hg]': { factor: 133_322_387.415, dims: PA, metric: true },
  'm[H2O]': { factor: 9_806_650, dims: PA, metric: true },
  min: { factor: 60, dims: { s: 1 }, metric: false },
  h: { factor: 3600, dims: { s: 1 }, metric: false },
  d: { factor: 86_400, dims: { s: 1 }, metric: false },
  wk: { factor: 604_800, dims: { s: 1 }, metric: false },
  mo: { factor: 2_629_800, dims: { s: 1 }, metric: false },
  a: { factor: 31_557_600, dims: { s: 1 }, metric: false },
  '%': { factor: 0.01, dims: {}, metric: false },
  '[ppm]': { factor: 1e-6, dims: {}, metric: false },
  '[in_i]': { factor: 0.0254, dims: { m: 1 }, metric: false },
  '[ft_i]': { factor: 0.3048, dims: { m: 1 }, metric: false },
  '[lb_av]': { factor: 453.592_37, dims: { g: 1 }, metric: false },
  '[oz_av]': { factor: 28.349_523_125, dims: { g: 1 }, metric: false },
  '[stone_av]': { factor: 6350.293_18, dims: { g: 1 }, metric: false },
  '[pH]': { factor: 1, dims: { '[pH]': 1 }, metric: false },
};

const PREFIXES: Readonly<Record<string, number>> = {
  Y: 1e24,
  Z: 1e21,
  E: 1e18,
  P: 1e15,
  T: 1e12,
  G: 1e9,
  M: 1e6,
  k: 1e3,
  h: 1e2,
  da: 1e1,
  d: 1e-1,
  c: 1e-2,
  m: 1e-3,
  u: 1e-6,
  n: 1e-9,
  p: 1e-12,
  f: 1e-15,
  a: 1e-18,
};

// Temperatures are on shifted scales: only a bare temperature unit converts (K base).
const TEMPERATURES: Readonly<Record<string, ParsedUnit>> = {
  K: { factor: 1, offset: 0, dims: { K: 1 }, seen: ['K'] },
  Cel: { factor: 1, offset: 273.15, dims: { K: 1 }, seen: ['K'] },
  '[degF]': { factor: 5 / 9, offset: 273.15 - (32 * 5) / 9, dims: { K: 1 }, seen: ['K'] },
};

function multiply(a: ParsedUnit, b: ParsedUnit, exponent: number): ParsedUnit {
  const seen = [...new Set([...a.seen, ...b.seen])].sort();
  const dims: Record<string, number> = { ...a.dims };
  for (const [dim, power] of Object.entries(b.dims)) {
    const next = (dims[dim] ?? 0) + power * exponent;
    if (next === 0) delete dims[dim];
    else dims[dim] = next;
  }
  return { factor: a.factor * b.factor ** exponent, offset: 0, dims, seen };
}

const ONE: ParsedUnit = { factor: 1, offset: 0, dims: {}, seen: [] };

/** Splits a term at top-level `.` and `/`, keeping bracketed and braced parts whole. */
function split(term: string): Array<{ op: '.' | '/'; text: string }> | undefined {
  const parts: Array<{ op: '.' | '/'; text: string }> = [];
  let depth = 0;
  let op: '.' | '/' = '.';
  let current = '';
  for (const ch of term) {
    if (ch === '[' || ch === '{' || ch === '(') depth += 1;
    if (ch === ']' || ch === '}' || ch === ')') depth -= 1;
    if (depth < 0) return undefined;
    if (depth === 0 && (ch === '.' || ch === '/')) {
      parts.push({ op, text: current });
      op = ch;
      current = '';
    } else current += ch;
  }
  if (depth !== 0) return undefined;
  parts.push({ op, text: current });
  return parts;
}

function parseSymbol(symbol: string): Atom | undefined {
  const atom = ATOMS[symbol];
  if (atom) return atom;
  for (const [prefix, factor] of Object.entries(PREFIXES)) {
    if (!symbol.startsWith(prefix)) continue;
    const rest = ATOMS[symbol.slice(prefix.length)];
    if (rest?.metric) return { factor: rest.factor * factor, dims: rest.dims, metric: false };
  }
  return undefined;
}

function parseComponent(text: string): ParsedUnit | undefined {
  // Annotations ({beats}, {score}, {1.73_m2}) carry no meaning in UCUM: a bare one is "1".
  const bare = text.replace(/\{[^}]*\}/g, '');
  if (bare === '') return text === '' ? undefined : ONE;
  if (bare.startsWith('(') && bare.endsWith(')')) return parseTerm(bare.slice(1, -1));
  if (/^\d+$/.test(bare)) return { factor: Number(bare), offset: 0, dims: {}, seen: [] };
  const power = /^10[*^]([+-]?\d+)$/.exec(bare);
  if (power) return { factor: 10 ** Number(power[1]), offset: 0, dims: {}, seen: [] };
  const m = /^(.*?[^\d+-])([+-]?\d+)?$/.exec(bare);
  if (!m?.[1]) return undefined;
  const atom = parseSymbol(m[1]);
  if (!atom) return undefined;
  return multiply(ONE, { factor: atom.factor, offset: 0, dims: atom.dims, seen: Object.keys(atom.dims) }, m[2] ? Number(m[2]) : 1);
}

function parseTerm(term: string): ParsedUnit | undefined {
  const parts = split(term);
  if (!parts) return undefined;
  let result = ONE;
  for (const [index, part] of parts.entries()) {
    if (index === 0 && part.text === '' && parts.length > 1 && parts[1]?.op === '/') continue; // "/min"
    const unit = parseComponent(part.text);
    if (!unit) return undefined;
    result = multiply(result, unit, part.op === '/' ? -1 : 1);
  }
  return result;
}

/**
 * Parses a UCUM unit code, or undefined when it uses something this subset does not know.
 *
 * @example
 * parseUcum('mg/dL')?.dims // { g: 1, m: -3 }: a mass per volume
 * parseUcum('furlong') // undefined
 */
export function parseUcum(code: string): ParsedUnit | undefined {
  const text = code.trim();
  if (text === '') return undefined;
  const temperature = TEMPERATURES[text];
  if (temperature) return temperature;
  if (text === '1') return ONE;
  return parseTerm(text);
}

function sameDims(a: ParsedUnit, b: ParsedUnit): boolean {
  const keys = new Set([...Object.keys(a.dims), ...Object.keys(b.dims)]);
  for (const key of keys) if ((a.dims[key] ?? 0) !== (b.dims[key] ?? 0)) return false;
  return a.seen.join(',') === b.seen.join(',');
}

/** True when values in `from` can be converted to `to` from the units alone. */
export function convertible(from: string, to: string): boolean {
  if (from === to) return true;
  const a = parseUcum(from);
  const b = parseUcum(to);
  return a !== undefined && b !== undefined && sameDims(a, b);
}

/**
 * Converts a value between two UCUM units of the same kind, or returns undefined when they are
 * not (or the units are not understood).
 *
 * @example
 * convertUnit(70, 'kg', '[lb_av]') // 154.32…
 * convertUnit(5.5, 'mmol/L', 'mg/dL') // undefined: needs the molar mass
 */
export function convertUnit(value: number, from: string, to: string): number | undefined {
  if (from === to) return value;
  const a = parseUcum(from);
  const b = parseUcum(to);
  if (!a || !b || !sameDims(a, b)) return undefined;
  const result = (value * a.factor + a.offset - b.offset) / b.factor;
  // Round away binary noise (0.1 g in kg must be 0.0001, not 0.00010000000000000002).
  return Number(result.toPrecision(12));
}

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};
const superscript = (digits: string) => [...digits].map((d) => SUPERSCRIPT[d] ?? d).join('');

const READABLE: Readonly<Record<string, string>> = {
  'mm[Hg]': 'mmHg',
  Cel: '°C',
  '[degF]': '°F',
  '/min': 'per minute',
  '{beats}/min': 'beats per minute',
  '{breaths}/min': 'breaths per minute',
  '{Breaths}/min': 'breaths per minute',
  '[lb_av]': 'lb',
  '[oz_av]': 'oz',
  '[in_i]': 'in',
  '[ft_i]': 'ft',
  '[stone_av]': 'st',
  '[IU]': 'IU',
  '[iU]': 'IU',
  '[pH]': 'pH',
  'mL/min/{1.73_m2}': 'mL/min/1.73 m²',
  'L/min': 'L/min',
  '1': '',
};

/**
 * A unit as a person reads it: "mmHg" for `mm[Hg]`, "°C" for `Cel`, "× 10⁹/L" for `10*9/L`,
 * "µmol/L" for `umol/L`; annotations dropped (`{score}` → ""). Unknown text is returned as it is.
 */
export function readableUnit(code: string): string {
  const known = READABLE[code];
  if (known !== undefined) return known;
  return code
    .replace(/\{[^}]*\}/g, '')
    .replace(/^10[*^]([+-]?\d+)/, (_, n: string) => `× 10${superscript(n)}`)
    .replace(/(^|[/.( ])u(g|mol|L|l|U|\[IU\]|m)(?![a-z])/g, '$1µ$2')
    .replace(/([a-zA-Z\]])([2-3])(?![\d])/g, (_, unit: string, n: string) => `${unit}${superscript(n)}`)
    .replace(/\[IU\]/g, 'IU')
    .replace(/\[Hg\]/g, 'Hg')
    .trim();
}

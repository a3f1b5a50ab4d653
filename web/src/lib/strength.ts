/**
 * Passphrase strength with zxcvbn-ts (a maintained TypeScript port of Dropbox's zxcvbn), loaded
 * only when the create-record screen asks for it. It uses the common dictionaries (leaked
 * passwords, the 7 776 diceware words people build passphrases from, keyboard patterns) and the
 * English advice texts, but not the English name and Wikipedia lists, which would add ~600 KiB
 * for a phone to download while someone types.
 */
export interface Strength {
  /** 0 (very weak) to 4 (very strong). */
  readonly score: 0 | 1 | 2 | 3 | 4;
  readonly label: string;
  readonly advice: string;
}

const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

let estimator:
  Promise<(passphrase: string) => { score: 0 | 1 | 2 | 3 | 4; feedback: { warning: string | null; suggestions: string[] } }> | undefined;

async function load() {
  const [{ ZxcvbnFactory }, common, { default: translations }] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en/dist/translations.mjs'),
  ]);
  const zxcvbn = new ZxcvbnFactory({ translations, graphs: common.adjacencyGraphs, dictionary: common.dictionary });
  return (passphrase: string) => zxcvbn.check(passphrase);
}

/** How strong a passphrase is, with one piece of advice in plain words. */
export async function estimateStrength(passphrase: string): Promise<Strength> {
  estimator ??= load();
  const check = await estimator;
  const result = check(passphrase.slice(0, 200));
  const tooShort = [...passphrase].length < 10;
  const score = tooShort ? (Math.min(result.score, 1) as 0 | 1) : result.score;
  const advice = tooShort
    ? 'Use at least 10 characters; four or more unrelated words work well.'
    : score >= 3
      ? 'Write it down in your Emergency Kit, not in a file on this phone.'
      : (result.feedback.warning ?? result.feedback.suggestions[0] ?? 'Add another unrelated word.');
  return { score, label: LABELS[score], advice };
}

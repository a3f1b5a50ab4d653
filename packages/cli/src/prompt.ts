/**
 * Asking for a passphrase on a terminal without echoing it. Only used when
 * `CAREKEY_PASSPHRASE` is not set; scripts set the variable instead.
 */
import { createInterface } from 'node:readline';
import { Writable, type Readable } from 'node:stream';

/** Reads one line from `input` with echo suppressed, writing `question` to `output`. */
export async function promptHidden(question: string, input: Readable, output: Writable): Promise<string> {
  const muted = { active: false };
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted.active) output.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input, output: sink, terminal: (input as { isTTY?: boolean }).isTTY === true });
  try {
    const answer = new Promise<string>((resolve, reject) => {
      rl.once('line', resolve);
      rl.once('close', () => reject(new Error('no passphrase was given')));
    });
    output.write(question);
    muted.active = true;
    const line = await answer;
    output.write('\n');
    return line;
  } finally {
    muted.active = false;
    rl.close();
  }
}

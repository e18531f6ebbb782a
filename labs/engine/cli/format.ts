// Terminal formatting for the CLI: colours only on a TTY (util.styleText honours NO_COLOR and
// FORCE_COLOR: https://nodejs.org/api/util.html#utilstyletextformat-text-options), and a spinner.
import { styleText } from 'node:util';

type Style = Parameters<typeof styleText>[0];

export const paint = (style: Style, text: string): string => styleText(style, text, { stream: process.stdout });
export const ok = (t: string): string => paint('green', t);
export const bad = (t: string): string => paint('red', t);
export const warn = (t: string): string => paint('yellow', t);
export const dim = (t: string): string => paint('dim', t);
export const bold = (t: string): string => paint('bold', t);

export const MARK = { pass: ok('✓'), fail: bad('✗'), error: bad('!'), none: dim('·'), warn: warn('▲') };

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A one-line spinner on stderr when it is a TTY; plain lines otherwise. */
export function spinner(text: string): { update(t: string): void; stop(final?: string): void } {
  const tty = process.stderr.isTTY;
  let current = text;
  let i = 0;
  const draw = (): void => void process.stderr.write(`\r\x1b[2K${dim(FRAMES[i++ % FRAMES.length])} ${current}`);
  const timer = tty ? setInterval(draw, 80) : null;
  if (!tty) process.stderr.write(`${text}\n`);
  return {
    update(t) {
      if (!tty && t !== current) process.stderr.write(`${t}\n`);
      current = t;
    },
    stop(final) {
      if (timer) clearInterval(timer);
      if (tty) process.stderr.write('\r\x1b[2K');
      if (final) process.stderr.write(`${final}\n`);
    },
  };
}

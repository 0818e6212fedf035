/**
 * The one command-line option parser of the CLI: `--name value`, `--name=value`, `-x value`, and
 * `--help`/`-h` (→ `help`). Unknown, repeated and value-less options are refused with a
 * {@link FlagError} that each command words in its own usage style.
 */

export type FlagProblem = 'unexpected' | 'unknown' | 'twice' | 'value';

export class FlagError extends Error {
  override readonly name = 'FlagError';
  constructor(
    readonly problem: FlagProblem,
    /** The argument as typed, e.g. `--bogus=1`. */
    readonly arg: string,
    /** The option's name without dashes ('' for an unexpected argument). */
    readonly flag: string,
  ) {
    super(`${problem}: ${arg}`);
  }
}

/**
 * Options of `argv`, name → value (`help` → 'true'). A value may be a negative number (`-1`) but not
 * another option.
 * @param allowed - option names without dashes (`j` for `-j`).
 * @param repeated - options that may be given several times: each value is appended to its list here
 *   (the returned map then holds the last one).
 */
export function parseFlags(
  argv: readonly string[],
  allowed: readonly string[],
  repeated: Record<string, string[]> = {},
): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      out.set('help', 'true');
      continue;
    }
    const m = /^(?:--([a-zA-Z][\w-]*)|-([a-zA-Z]))(?:=(.*))?$/s.exec(arg);
    if (!m) throw new FlagError('unexpected', arg, '');
    const name = m[1] ?? m[2];
    if (!allowed.includes(name)) throw new FlagError('unknown', arg, name);
    if (out.has(name) && !repeated[name]) throw new FlagError('twice', arg, name);
    let value = m[3];
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith('-') && !/^-\d/.test(value))) {
        throw new FlagError('value', arg, name);
      }
      i++;
    }
    out.set(name, value);
    repeated[name]?.push(value);
  }
  return out;
}

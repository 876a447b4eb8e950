/** Minimal `--name value` / `--flag` parsing shared by the optimizer CLIs. */
export interface ParsedArgs {
  options: Map<string, string>;
  positional: string[];
}

export function parseArgs(argv: string[], flags: readonly string[] = []): ParsedArgs {
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [key, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    if (inline !== undefined) options.set(key, inline);
    else if (flags.includes(key)) options.set(key, 'true');
    else options.set(key, argv[++i] ?? '');
  }
  return { options, positional };
}

export function numberOption(args: ParsedArgs, key: string, fallback: number): number {
  const raw = args.options.get(key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`--${key} must be a number, got "${raw}"`);
  return value;
}

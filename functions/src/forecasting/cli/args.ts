/** Reads `--name value` pairs from argv; flags without a value are an error. */
export function parseArgs(argv: readonly string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i] ?? '';
    if (!key.startsWith('--')) continue;
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`missing value for ${key}`);
    args.set(key.slice(2), value);
    i++;
  }
  return args;
}

export function requireArg(args: Map<string, string>, name: string): string {
  const value = args.get(name);
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
}

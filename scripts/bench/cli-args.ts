// The value after a command-line flag (`--rows 20000`), for the benchmark and load-test scripts.
export function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

// The named text entries of a submitted form ("" for a missing one), ready for an action's zod schema.
export function formText<K extends string>(data: FormData, names: readonly K[]): Record<K, string> {
  return Object.fromEntries(names.map((name) => [name, String(data.get(name) ?? "")])) as Record<K, string>;
}

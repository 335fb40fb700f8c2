// The named text entries of a submitted form ("" for a missing one), ready for an action's zod schema.
export function formText<K extends string>(data: FormData, names: readonly K[]): Record<K, string> {
  // Server actions fed a posted form can be sent anything by a hand-made request: read that as empty.
  const form = data instanceof FormData ? data : new FormData();
  return Object.fromEntries(names.map((name) => [name, String(form.get(name) ?? "")])) as Record<K, string>;
}

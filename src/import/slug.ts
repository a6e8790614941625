/**
 * A slug made from a name by the rules in seeds/README.md: strip accents, lower-case, `C#` →
 * `c-sharp`, `C++` → `c-plus-plus`, a leading `.` → `dot-`, `&` → `and`, every other run of
 * characters outside `a-z0-9` → `-`, trim dashes. The `#`, `++` and `.` rules apply to every word,
 * so `F#` → `f-sharp` and `Microsoft .NET Framework` → `microsoft-dot-net-framework`.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/(^|\s)\.(?=[a-z0-9])/g, '$1dot-')
    .replace(/\+\+/g, '-plus-plus-')
    .replace(/#/g, '-sharp-')
    .replace(/&/g, '-and-')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The key two names must share to be the same skill or tool: the slug with its dashes removed,
 * i.e. lower-case with non-alphanumerics dropped after the slug rules have spelled out `#`, `++`,
 * `.` and `&`. Without those rules C, C# and C++ would all become "c" and merge into one tool.
 */
export function normaliseName(name: string): string {
  return slugify(name).replace(/-/g, '');
}

/** A slug not in `taken`: the base, else the base with -2, -3, …; the result is claimed. */
export function freeSlug(base: string, taken: Set<string>): string {
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}

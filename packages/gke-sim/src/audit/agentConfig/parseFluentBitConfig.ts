/** One `[SECTION]` of a fluent-bit classic configuration. */
export type FluentBitSection = {
  /** Upper-cased section name: SERVICE, INPUT, FILTER, OUTPUT, PARSER… */
  name: string;
  /** `Key Value` lines in order; keys may repeat (grep rules do). */
  entries: Array<[key: string, value: string]>;
};

/** A parsed classic configuration. */
export type FluentBitConfig = {
  sections: FluentBitSection[];
  /** What was read but not applied, in plain words. */
  notes: string[];
};

/**
 * Parses fluent-bit's classic format: `[SECTION]` headers, indented
 * `Key Value` lines, `#` comments. `@INCLUDE` and `@SET` are noted and
 * ignored: the ConfigMap is one file, and `${VAR}` stays as written.
 */
export function parseFluentBitConfig(text: string): FluentBitConfig {
  const sections: FluentBitSection[] = [];
  const notes: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) {
      return;
    }
    if (line.startsWith('@')) {
      notes.push(`line ${index + 1}: ${line.split(/\s+/)[0]} is ignored`);
      return;
    }
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      sections.push({ name: header[1].trim().toUpperCase(), entries: [] });
      return;
    }
    const current = sections[sections.length - 1];
    if (!current) {
      notes.push(`line ${index + 1}: a key outside any section is ignored`);
      return;
    }
    const match = /^(\S+)\s*(.*)$/.exec(line);
    if (match) {
      current.entries.push([match[1], match[2].trim()]);
    }
  });
  return { sections, notes };
}

/** The first value of `key` in a section (keys are case-insensitive). */
export function sectionValue(
  section: FluentBitSection,
  key: string,
): string | undefined {
  return section.entries.find(
    ([k]) => k.toLowerCase() === key.toLowerCase(),
  )?.[1];
}

/** Every value of `key` in a section, in order. */
export function sectionValues(
  section: FluentBitSection,
  key: string,
): string[] {
  return section.entries
    .filter(([k]) => k.toLowerCase() === key.toLowerCase())
    .map(([, value]) => value);
}

/** One `Key Value` line of a section, as written. */
export type ConfigSetting = { key: string; value: string };

/** One `[SECTION]` of a fluent-bit classic configuration. */
export type FluentBitSection = {
  /** Upper-cased: SERVICE, INPUT, FILTER, OUTPUT, PARSER… */
  name: string;
  /** 1-based line of the header, for notes. */
  line: number;
  /** In order; keys may repeat (grep rules do). */
  settings: ConfigSetting[];
};

/** A parsed classic configuration and what could not be read. */
export type FluentBitConfig = {
  sections: FluentBitSection[];
  notes: string[];
};

/**
 * Parses fluent-bit's classic format: `[SECTION]` headers, indented
 * `Key Value` lines, `#` comments. `@INCLUDE` and `@SET` are noted, not
 * followed: only the ConfigMap's text is at hand. Never throws; a line it
 * cannot read becomes a note.
 */
export function parseFluentBitConfig(text: string): FluentBitConfig {
  const sections: FluentBitSection[] = [];
  const notes: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      return;
    }
    if (trimmed.startsWith('@')) {
      const directive = trimmed.split(/\s+/)[0];
      notes.push(
        `Line ${line}: ${directive} is not followed; only this file is shown.`,
      );
      return;
    }
    if (trimmed.startsWith('[')) {
      const header = /^\[\s*([^\][]+?)\s*\]$/.exec(trimmed);
      if (header) {
        sections.push({ name: header[1].toUpperCase(), line, settings: [] });
      } else {
        notes.push(`Line ${line}: "${trimmed}" is not a valid section header.`);
      }
      return;
    }
    const current = sections[sections.length - 1];
    if (!current) {
      notes.push(`Line ${line}: "${trimmed}" is outside any section.`);
      return;
    }
    const setting = /^(\S+)\s+(.+)$/.exec(trimmed);
    if (!setting) {
      notes.push(`Line ${line}: "${trimmed}" has no value.`);
      return;
    }
    current.settings.push({ key: setting[1], value: setting[2] });
  });
  return { sections, notes };
}

/** The first value of `key` (fluent-bit keys are case-insensitive). */
export function settingValue(
  settings: ConfigSetting[],
  key: string,
): string | undefined {
  return settings.find(s => s.key.toLowerCase() === key.toLowerCase())?.value;
}

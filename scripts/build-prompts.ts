// Validates prompts/ (the reply texts staff edit) and writes src/generated/prompts.json: one file per
// locale (core/locale.ts) with exactly the keys of PromptsSchema and, for every key, the same
// {placeholders} as Japanese (the reference), plus the staff-only texts (staff.yaml, Japanese).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { LOCALES } from '../src/core/locale.ts';
import { PromptsSchema, StaffPromptsSchema } from '../src/compose/prompts-schema.ts';

const placeholders = (text: string) =>
  [...text.matchAll(/\{([a-z_]+)\}/g)]
    .map((m) => m[1])
    .sort()
    .join(',');

async function readYaml(file: string, problems: string[]): Promise<unknown> {
  try {
    return parse(await readFile(file, 'utf8'));
  } catch (error) {
    problems.push(`${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return undefined;
  }
}

export async function buildPrompts(dir = 'prompts', outDir = 'src/generated'): Promise<void> {
  const problems: string[] = [];
  const locales: Record<string, unknown> = {};
  for (const locale of LOCALES) {
    const file = join(dir, `${locale}.yaml`);
    const parsed = PromptsSchema.safeParse(await readYaml(file, problems));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${file}: "${issue.path.join('.') || '(top)'}": ${issue.message}`);
      continue;
    }
    locales[locale] = parsed.data;
  }
  const reference = PromptsSchema.safeParse(locales.ja);
  if (reference.success) {
    const ja: Record<string, string> = reference.data;
    for (const locale of LOCALES) {
      const texts = PromptsSchema.safeParse(locales[locale]);
      if (!texts.success) continue;
      for (const [key, text] of Object.entries(texts.data)) {
        const want = placeholders(ja[key] ?? '');
        if (placeholders(text) !== want) problems.push(`${dir}/${locale}.yaml: "${key}": placeholders {${placeholders(text)}} differ from ja.yaml's {${want}}`);
      }
    }
  }
  const staff = StaffPromptsSchema.safeParse(await readYaml(join(dir, 'staff.yaml'), problems));
  if (!staff.success) for (const issue of staff.error.issues) problems.push(`${dir}/staff.yaml: "${issue.path.join('.')}": ${issue.message}`);
  if (problems.length > 0) throw new Error(`build-prompts: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'prompts.json'), JSON.stringify({ locales, staff: staff.data }, null, 1));
}

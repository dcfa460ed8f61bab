// Validates prompts/*.yaml (the reply texts staff edit) and writes src/generated/prompts.json.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PromptsSchema } from '../src/compose/prompts-schema.ts';

export async function buildPrompts(dir = 'prompts', outDir = 'src/generated'): Promise<void> {
  const merged: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const name of (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    let data: unknown;
    try {
      data = parse(await readFile(join(dir, name), 'utf8'));
    } catch (error) {
      problems.push(`${dir}/${name}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      problems.push(`${dir}/${name}: expected "key: text" lines`);
      continue;
    }
    for (const [key, value] of Object.entries(data)) {
      if (key in merged) problems.push(`${dir}/${name}: "${key}" is also defined in another prompts file`);
      merged[key] = value;
    }
  }
  const parsed = PromptsSchema.safeParse(merged);
  if (!parsed.success) for (const issue of parsed.error.issues) problems.push(`${dir}/: "${issue.path.join('.') || '(top)'}": ${issue.message}`);
  if (problems.length > 0) throw new Error(`build-prompts: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'prompts.json'), JSON.stringify(parsed.data, null, 1));
}

// Every .changeset/*.md must parse as changesets expects: front matter of `"@shinkei/<pkg>": major|minor|patch`
// lines between two `---` lines, naming packages of this workspace, then a summary. (A Markdown formatter
// once turned the front matter into a heading; `changeset version` would then have failed at release time.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const packages = new Set(
  readdirSync(join(root, 'packages')).map(
    (dir) => JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')).name,
  ),
);
const problems = [];
for (const file of readdirSync(join(root, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
  const text = readFileSync(join(root, '.changeset', file), 'utf8');
  const match = /^---\n((?:"[^"]+": (?:major|minor|patch)\n)+)---\n\n?(\S[\s\S]*)$/.exec(text);
  if (match === null) {
    problems.push(
      `${file}: expected front matter '---' / '"@shinkei/<pkg>": major|minor|patch' lines / '---', then a summary`,
    );
    continue;
  }
  for (const line of match[1].trim().split('\n')) {
    const name = line.slice(1, line.indexOf('"', 1));
    if (!packages.has(name)) problems.push(`${file}: '${name}' is not a package of this workspace`);
  }
}
if (problems.length > 0) {
  console.error(`changesets:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`changesets: ${readdirSync(join(root, '.changeset')).filter((f) => f.endsWith('.md')).length} files parse`);

// What Mermaid 11 itself reads from Mermaid `journey` files: the oracle behind the
// expected readings in tests/integrations/mermaid_vectors (09 onwards).
//
// Not part of the build or the tests (journeymap needs no Node at run time); run it by
// hand when adding a vector, then check the result before committing it:
//
//   npm install mermaid@11 jsdom js-yaml      (in a scratch folder)
//   node tools/mermaid_oracle.mjs FILE.mmd …   (prints one JSON line per file)
//
// It runs Mermaid's own preprocessing, parser and database (mermaidAPI.getDiagramFromText,
// with the front-matter title as Mermaid's render passes it), and groups the tasks into
// sections as Mermaid's journey renderer draws them: a task whose section has the same
// name as the section drawn just before it is drawn in that section.
import { JSDOM } from 'jsdom';
import fs from 'fs';

const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
const { load, JSON_SCHEMA } = await import('js-yaml');
mermaid.initialize({ startOnLoad: false });
const frontMatter = /^([^\S\n\r]*)-{3}\s*[\n\r](.*?)[\n\r]\1-{3}\s*[\n\r]+/s;

async function read(text) {
  let title;
  const found = text.replace(/\r\n?/g, '\n').match(frontMatter);
  if (found) {
    const parsed = load(found[2], { schema: JSON_SCHEMA }) ?? {};
    if (typeof parsed === 'object' && parsed.title) title = parsed.title.toString();
  }
  try {
    const { db } = await mermaid.mermaidAPI.getDiagramFromText(text, { title });
    const number = (s) => (Number.isFinite(s) ? s : String(s));
    const tasks = db.getTasks().map((t) => ({ section: t.section, task: t.task, score: number(t.score), people: t.people }));
    const drawn = [];
    let last = '';
    for (const t of tasks) {
      if (t.section !== last) {
        drawn.push({ name: t.section, tasks: [] });
        last = t.section;
      } else if (drawn.length === 0) {
        drawn.push({ name: null, tasks: [] });
      }
      drawn[drawn.length - 1].tasks.push({ task: t.task, score: t.score, people: t.people });
    }
    return { title: db.getDiagramTitle(), accTitle: db.getAccTitle(), accDescr: db.getAccDescription(), sections: db.getSections(), drawn };
  } catch (e) {
    return { error: e.message.split('\n').slice(0, 4).join(' | ') };
  }
}

for (const file of process.argv.slice(2)) {
  console.log(file, JSON.stringify(await read(fs.readFileSync(file, 'utf8'))));
}

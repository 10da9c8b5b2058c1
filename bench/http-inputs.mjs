// Inputs of bench/http.sh from a thads interchange file: case ids spread
// over the whole file, and debtor names without diacritics (URL-encoded), as
// people type them ("nguyen van an").
// Usage: node bench/http-inputs.mjs EVENTS.jsonl IDS_OUT NAMES_OUT [MANY_IDS_OUT]
// MANY_IDS_OUT: every fifth case (200,000 of 1,000,000), more than the
// server keeps built: most requests for them build the case.
import { createReadStream, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const [file, idsOut, namesOut, manyOut] = process.argv.slice(2);
const ids = [];
const many = [];
const names = [];
let n = 0;
const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
for await (const line of rl) {
  if (!line.includes('"case_opened"')) continue;
  n++;
  if (manyOut && n % 5 === 0) many.push(encodeURIComponent(JSON.parse(line).case));
  if (n % 97 !== 0) continue; // about 10,000 of 1,000,000 cases
  const r = JSON.parse(line);
  ids.push(encodeURIComponent(r.case));
  if (names.length < 1000 && r.debtor?.kind === 'person') {
    const plain = r.debtor.name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
    const words = plain.split(/\s+/);
    // family name + last given name: many matches, like a real search
    names.push(encodeURIComponent(`${words[0]} ${words[words.length - 1]}`));
  }
}
writeFileSync(idsOut, ids.join('\n') + '\n');
writeFileSync(namesOut, names.join('\n') + '\n');
if (manyOut) writeFileSync(manyOut, many.join('\n') + '\n');
console.error(`http inputs: ${ids.length} case ids, ${names.length} names, ${many.length} more case ids`);

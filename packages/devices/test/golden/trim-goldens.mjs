// Copies /work/shared/golden/memristor_*.json and windows.json into this folder, trimmed (see README.md).
// Run: node test/golden/trim-goldens.mjs  (from packages/devices)
import { readFileSync, writeFileSync } from 'node:fs';

const SRC = "/work/shared/golden";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
process.chdir(dirname(fileURLToPath(import.meta.url)));
const MAX_FULL = 5000; // full series longer than this are subsampled
const TARGET = 4001; // ... to about this many points

function trimSeries(s, keepEnds) {
  if (s.full) {
    const stride = s.length > MAX_FULL ? Math.ceil((s.length - 1) / (TARGET - 1)) : 1;
    return { length: s.length, summary: s.summary, stride, data_strided: s.data.filter((_, k) => k % stride === 0) };
  }
  const out = { length: s.length, summary: s.summary, stride: s.stride, data_strided: s.data_strided };
  if (keepEnds) Object.assign(out, { head: s.head.slice(0, 500), tail: s.tail.slice(-500) });
  return out;
}

function trimSweep(attempt) {
  if (!attempt.ok) return attempt;
  const v = attempt.value;
  return { ok: true, value: { voltage: trimSeries(v.voltage, false), current: trimSeries(v.current, true), final_state: v.final_state } };
}

for (const model of ['LinearIonDrift', 'VTEAM', 'Data_Driven', 'Data_Driven2021', 'Stanford_PKU']) {
  const j = JSON.parse(readFileSync(`${SRC}/memristor_${model}.json`, 'utf8'));
  const out = { ...j, hysteresis: trimSweep(j.hysteresis), bipolar: trimSweep(j.bipolar) };
  writeFileSync(`memristor_${model}.json`, JSON.stringify(out));
}
writeFileSync('windows.json', readFileSync(`${SRC}/windows.json`, 'utf8'));

// Shared helpers of the SQL benchmarks: fills the placeholders of
// bench/report.sql and computes order statistics of timings.
export function reportSql(template, { from, to, scope, byAgency }) {
  return template
    .replaceAll('{{FROM}}', from)
    .replaceAll('{{TO}}', to)
    .replaceAll('{{SCOPE}}', scope)
    .replaceAll('{{KEY}}', byAgency ? 'top' : "'total'")
    .replaceAll('{{GROUP_BY}}', byAgency ? 'GROUP BY top' : '');
}

// Nearest-rank percentile (p in 0..100) of a list of numbers.
export function percentile(xs, p) {
  const s = [...xs].sort((x, y) => x - y);
  if (!s.length) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1];
}

export function median(xs) {
  const s = [...xs].sort((x, y) => x - y);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

// Loaded into every node process of a benchmarked command (NODE_OPTIONS=--require): on exit it appends the
// process's peak resident set size, so the benchmark can report the peak of the CLI and the app together.
const fs = require('fs');
const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    // resourceUsage().maxRSS is in kilobytes.
    fs.appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
  });
}

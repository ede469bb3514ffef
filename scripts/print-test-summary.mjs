// Prints Jest's results as one closing line, "tests: N passed, N failed, N skipped",
// so that a reader (or CI) can tell at a glance how many tests ran.
import { readFileSync } from 'node:fs';

const [resultsFile] = process.argv.slice(2);

let results;
try {
  results = JSON.parse(readFileSync(resultsFile, 'utf8'));
} catch (error) {
  console.error(`No test results in ${resultsFile}: ${error.message}`);
  process.exit(1);
}

// A suite that fails to load (syntax error, crashed worker) has no test
// results of its own, so count it as a failure rather than lose it.
const brokenSuites = results.numRuntimeErrorTestSuites ?? 0;
const failed = results.numFailedTests + brokenSuites;
const skipped = results.numPendingTests + results.numTodoTests;

console.log(
  `tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped`,
);
process.exit(failed > 0 || results.numTotalTests === 0 ? 1 : 0);

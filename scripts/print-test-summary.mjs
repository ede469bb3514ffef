// Prints Jest's results, and Playwright's when given, as one closing line,
// "tests: N passed, N failed, N skipped", so that a reader (or CI) can tell at
// a glance how many tests ran.
import { readFileSync } from 'node:fs';

const [jestFile, playwrightFile] = process.argv.slice(2);

function readResults(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`No test results in ${file}: ${error.message}`);
    return undefined;
  }
}

const counts = { passed: 0, failed: 0, skipped: 0 };
let missing = false;

const jest = readResults(jestFile);
if (jest) {
  // A suite that fails to load (syntax error, crashed worker) has no test
  // results of its own, so count it as a failure rather than lose it.
  counts.passed += jest.numPassedTests;
  counts.failed += jest.numFailedTests + (jest.numRuntimeErrorTestSuites ?? 0);
  counts.skipped += jest.numPendingTests + jest.numTodoTests;
} else {
  missing = true;
}

if (playwrightFile) {
  const playwright = readResults(playwrightFile);
  if (playwright) {
    const { expected, unexpected, flaky, skipped } = playwright.stats;
    counts.passed += expected;
    // A test that only passed on a retry is not a pass; and errors outside
    // any test (the demo did not start) fail the run.
    counts.failed += unexpected + flaky + (playwright.errors?.length ?? 0);
    counts.skipped += skipped;
  } else {
    missing = true;
  }
}

console.log(
  `tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
);
process.exit(missing || counts.failed > 0 || counts.passed === 0 ? 1 : 0);

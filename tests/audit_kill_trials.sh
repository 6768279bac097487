#!/usr/bin/env bash
# Issue 8's acceptance: kill a running `xxgk audit` with SIGKILL at random points, 10 times, and check
# after each kill that the database is intact (PRAGMA integrity_check), holds no duplicate document
# and no document without its report or figures, and that a re-run completes it into exactly the
# data of an uninterrupted run (every table compared, timestamps aside).
#
#   tests/audit_kill_trials.sh [BUILD_DIR] [TRIALS]     (default: build-test or build, 10)
#
# It runs the ctest case AuditKill.KillNineAtRandomPointsThenACleanRerun (tests/audit_kill_test.cpp),
# which ctest runs with 3 trials. Each trial prints when it killed and how many documents were
# stored by then; XXGK_KILL_SEED=<seed printed> replays a run's kill points.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-}
if [ -z "$build" ]; then
  if [ -x build-test/tests/xxgk_audit_tests ]; then build=build-test; else build=build; fi
fi
XXGK_KILL_TRIALS=${2:-10} "$build/tests/xxgk_audit_tests" --gtest_filter='AuditKill.*'

#!/usr/bin/env bash
# Installs what is missing, builds Mapperscope (Debug, AddressSanitizer and
# UndefinedBehaviorSanitizer) and runs the whole suite with ctest on the
# offscreen platform, the engine's tests also on a throwaway PostgreSQL
# server. Exits non-zero on any failure.
set -euo pipefail
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/postgres.sh"
ms_ensure_packages postgresql
BUILD="$MS_ROOT/build/debug-asan"
ms_configure "$BUILD" Debug -DMS_SANITIZE=ON
cmake --build "$BUILD" -j2
export QT_QPA_PLATFORM=offscreen
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export LSAN_OPTIONS="suppressions=$MS_ROOT/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ms_start_postgres
cd "$BUILD"
ctest --output-on-failure -j2 "$@"

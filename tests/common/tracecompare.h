// The trace comparison the tests use is the application's own
// (model/project/tracecompare.h: trace_compare.py's rules).
#pragma once

#include "project/tracecompare.h"

namespace mstest {
using namespace ms::tracecompare;
} // namespace mstest

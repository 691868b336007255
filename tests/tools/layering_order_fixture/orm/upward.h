#pragma once
// A fixture for tests/tools/check_layering.cmake: the ORM including the live
// layer above it must be reported.
#include "core/result.h"
#include "live/workbench.h"

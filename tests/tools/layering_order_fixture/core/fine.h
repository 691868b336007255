#pragma once
// A fixture for tests/tools/check_layering.cmake: core includes nothing of model/.
#include <QString>

#pragma once

// qcustomplot.h uses Qt's lower-case keywords (signals, foreach, emit),
// which this project switches off (QT_NO_KEYWORDS); lend them for the
// header only.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach

// A window reaching into the plot: check_app_includes.cmake must fail on it.
#include "timeline/qcustomplot_include.h"
#include "timeline/timelineview.h"

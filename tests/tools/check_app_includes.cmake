# Fails when a file under app/ includes QCustomPlot: the window reaches the
# timeline only through TimelineView's API (views/timeline), so that the
# plotting library stays a detail of that one view.
# Run as: cmake -DAPP_DIR=... -P check_app_includes.cmake
file(GLOB_RECURSE sources "${APP_DIR}/*.h" "${APP_DIR}/*.cpp" "${APP_DIR}/CMakeLists.txt")
set(failures "")
foreach(file IN LISTS sources)
    file(STRINGS "${file}" lines)
    set(n 0)
    foreach(line IN LISTS lines)
        math(EXPR n "${n} + 1")
        if(line MATCHES "#[ \t]*include[ \t]*[<\"]([a-z/]*qcustomplot|QCP)"
           OR line MATCHES "QCustomPlotQt6::")
            string(APPEND failures "  ${file}:${n}: ${line}\n")
        endif()
    endforeach()
endforeach()
list(LENGTH sources count)
if(count EQUAL 0)
    message(FATAL_ERROR "no sources found under ${APP_DIR}")
endif()
if(failures)
    message(FATAL_ERROR "app/ must not include QCustomPlot (use TimelineView's API):\n${failures}")
endif()
message(STATUS "app layering: ${count} files under app/ include no QCustomPlot header")

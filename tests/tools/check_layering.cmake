# Fails when a file under model/ includes a widget, GUI-application or
# QCustomPlot header, or links against widget code (architecture.md: the
# engine is usable headless), or when a folder of model/ includes one above
# it: each layer may include only the ones listed before it in `layers`.
# Run as: cmake -DMODEL_DIR=... -P check_layering.cmake
file(GLOB_RECURSE sources "${MODEL_DIR}/*.h" "${MODEL_DIR}/*.cpp" "${MODEL_DIR}/CMakeLists.txt")
set(forbidden
    "#include[ \t]*[<\"](QtWidgets/)?Q(Widget|MainWindow|Dialog|MessageBox|Application|AbstractButton|PushButton|Label|LineEdit|TableView|TreeView|ListView|GraphicsScene|GraphicsView|GraphicsItem|Menu|Style|FileDialog|DockWidget|ToolBar|StatusBar|Layout|BoxLayout|VBoxLayout|HBoxLayout|GridLayout|ScrollArea|Splitter|TabWidget|ComboBox|SpinBox|CheckBox|HeaderView|AbstractItemView|Frame|PrintSupport|Printer)[>\"]"
    "#include[ \t]*[<\"]QtWidgets"
    "#include[ \t]*[<\"]QtPrintSupport"
    "#include[ \t]*[<\"]qcustomplot"
    "Qt6::Widgets"
    "QCustomPlot")
# model/'s folders, lowest first.
set(layers core schema events orm project document live)
set(failures "")
set(upward "")
foreach(file IN LISTS sources)
    file(RELATIVE_PATH relative "${MODEL_DIR}" "${file}")
    set(own_rank -1)
    if(relative MATCHES "^([a-z]+)/")
        list(FIND layers "${CMAKE_MATCH_1}" own_rank)
    endif()
    file(STRINGS "${file}" lines)
    set(n 0)
    foreach(line IN LISTS lines)
        math(EXPR n "${n} + 1")
        if(own_rank GREATER_EQUAL 0 AND line MATCHES "^[ \t]*#[ \t]*include[ \t]*\"([a-z]+)/")
            list(FIND layers "${CMAKE_MATCH_1}" included_rank)
            if(included_rank GREATER own_rank)
                string(APPEND upward "  ${relative}:${n}: ${line}\n")
            endif()
        endif()
        foreach(pattern IN LISTS forbidden)
            if(line MATCHES "${pattern}" AND NOT line MATCHES "^[ \t]*#[ \t]")
                string(APPEND failures "  ${file}:${n}: ${line}\n")
            endif()
        endforeach()
    endforeach()
endforeach()
list(LENGTH sources count)
if(count EQUAL 0)
    message(FATAL_ERROR "no sources found under ${MODEL_DIR}")
endif()
if(failures)
    message(FATAL_ERROR "model/ must not include widget headers:\n${failures}")
endif()
if(upward)
    message(FATAL_ERROR "a folder of model/ includes a folder above it (order: ${layers}):\n${upward}")
endif()
message(STATUS "layering: ${count} files under model/ include no widget header")

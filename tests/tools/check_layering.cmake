# Fails when a file under model/ includes a widget, GUI-application or
# QCustomPlot header, or links against widget code (architecture.md: the
# engine is usable headless). Run as: cmake -DMODEL_DIR=... -P check_layering.cmake
file(GLOB_RECURSE sources "${MODEL_DIR}/*.h" "${MODEL_DIR}/*.cpp" "${MODEL_DIR}/CMakeLists.txt")
set(forbidden
    "#include[ \t]*[<\"](QtWidgets/)?Q(Widget|MainWindow|Dialog|MessageBox|Application|AbstractButton|PushButton|Label|LineEdit|TableView|TreeView|ListView|GraphicsScene|GraphicsView|GraphicsItem|Menu|Style|FileDialog|DockWidget|ToolBar|StatusBar|Layout|BoxLayout|VBoxLayout|HBoxLayout|GridLayout|ScrollArea|Splitter|TabWidget|ComboBox|SpinBox|CheckBox|HeaderView|AbstractItemView|Frame|PrintSupport|Printer)[>\"]"
    "#include[ \t]*[<\"]QtWidgets"
    "#include[ \t]*[<\"]QtPrintSupport"
    "#include[ \t]*[<\"]qcustomplot"
    "Qt6::Widgets"
    "QCustomPlot")
set(failures "")
foreach(file IN LISTS sources)
    file(STRINGS "${file}" lines)
    set(n 0)
    foreach(line IN LISTS lines)
        math(EXPR n "${n} + 1")
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
message(STATUS "layering: ${count} files under model/ include no widget header")

# Fails when a user-visible string in the sources has no Russian translation:
# lupdate scans model/, views/ and app/ into a scratch copy of the catalogue,
# and any entry left "unfinished" is listed. Run as:
#   cmake -DLUPDATE=... -DSOURCE_DIR=... -DTS_FILE=... -DWORK_DIR=... -P check_translations.cmake
file(MAKE_DIRECTORY "${WORK_DIR}")
get_filename_component(name "${TS_FILE}" NAME)
set(scratch "${WORK_DIR}/${name}")
file(COPY_FILE "${TS_FILE}" "${scratch}")
execute_process(
    COMMAND "${LUPDATE}" -no-obsolete -locations none
            "${SOURCE_DIR}/model" "${SOURCE_DIR}/views" "${SOURCE_DIR}/app" -ts "${scratch}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${rc}):\n${out}${err}")
endif()
file(READ "${scratch}" ts)
string(REGEX MATCHALL "<source>[^<]*</source>[ \t\r\n]*<translation type=\"unfinished\">" missing "${ts}")
list(LENGTH missing count)
if(count GREATER 0)
    string(REPLACE ";" "\n" listing "${missing}")
    message(FATAL_ERROR "${count} string(s) have no translation in ${name}; run lupdate "
                        "(cmake --build BUILD --target update_translations) and translate:\n${listing}")
endif()
message(STATUS "translations: every source string is translated in ${name}")

# cmake -DSOURCE=<resources> -DTARGET=<build>/share/mapperscope -P copy_bundled.cmake
# Copies the lessons and the examples into the build tree, where the program
# looks for them beside its folder as it does once installed.
foreach(name lessons examples)
    if(EXISTS "${SOURCE}/${name}")
        file(COPY "${SOURCE}/${name}/" DESTINATION "${TARGET}/${name}")
    endif()
endforeach()

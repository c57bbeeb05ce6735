# moim_add_test(NAME subdir SOURCES ... LIBS ... [LABELS ...])
# One executable per unit, as in qTox's auto_test(); widgets render offscreen.
function(moim_add_test name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    moim_apply_options(${name})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;MOIM_BUILD_DIR=${PROJECT_BINARY_DIR}"
        LABELS "${ARG_LABELS}" TIMEOUT 600)
endfunction()

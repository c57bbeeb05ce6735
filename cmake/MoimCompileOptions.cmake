# Applied to every Moim target through moim_apply_options().
add_library(moim_options INTERFACE)
target_compile_options(moim_options INTERFACE -Wall -Wextra -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wpedantic)
if(MOIM_WERROR)
    target_compile_options(moim_options INTERFACE -Werror)
endif()
target_compile_definitions(moim_options INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING QT_NO_NARROWING_CONVERSIONS_IN_CONNECT QT_NO_FOREACH
    QT_NO_KEYWORDS QT_USE_QSTRINGBUILDER)
target_include_directories(moim_options INTERFACE ${PROJECT_BINARY_DIR}/generated)
if(MOIM_SANITIZE)
    target_compile_options(moim_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
        -fno-sanitize-recover=undefined)
    target_link_options(moim_options INTERFACE -fsanitize=address,undefined)
endif()

function(moim_apply_options target)
    target_link_libraries(${target} PRIVATE moim_options)
endfunction()

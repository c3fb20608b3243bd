# The man page (build/dbmig.1 and dbmig.1.gz) and the shell completions (build/completions/), each
# written by the built binary from the same CLI11 definitions as --help (src/cli/man_page.cpp,
# src/cli/completion_*.cpp), so they cannot disagree with it. Part of `all`; the dbmig_docs target
# alone rebuilds them.
find_program(DBMIG_GZIP gzip REQUIRED)
set(DBMIG_MAN_PAGE ${CMAKE_BINARY_DIR}/dbmig.1)
set(DBMIG_COMPLETION_DIR ${CMAKE_BINARY_DIR}/completions)
set(DBMIG_BASH_COMPLETION ${DBMIG_COMPLETION_DIR}/dbmig.bash)
set(DBMIG_ZSH_COMPLETION ${DBMIG_COMPLETION_DIR}/_dbmig)
set(DBMIG_FISH_COMPLETION ${DBMIG_COMPLETION_DIR}/dbmig.fish)

function(dbmig_generate output gzip)
  string(JOIN " " arguments ${ARGN})  # one -D value; RunToFile.cmake splits it again
  set(outputs ${output})
  set(gzip_definition "")
  if(gzip)
    list(APPEND outputs ${output}.gz)
    set(gzip_definition -DGZIP=${DBMIG_GZIP})
  endif()
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${DBMIG_COMPLETION_DIR}
    COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:dbmig> "-DARGS=${arguments}" -DOUTPUT=${output} ${gzip_definition}
            -P ${CMAKE_SOURCE_DIR}/cmake/RunToFile.cmake
    DEPENDS dbmig ${CMAKE_SOURCE_DIR}/cmake/RunToFile.cmake
    COMMENT "Writing ${output}"
    VERBATIM)
endfunction()

dbmig_generate(${DBMIG_MAN_PAGE} ON __man)
dbmig_generate(${DBMIG_BASH_COMPLETION} OFF __completion bash)
dbmig_generate(${DBMIG_ZSH_COMPLETION} OFF __completion zsh)
dbmig_generate(${DBMIG_FISH_COMPLETION} OFF __completion fish)
add_custom_target(dbmig_docs ALL
  DEPENDS ${DBMIG_MAN_PAGE} ${DBMIG_MAN_PAGE}.gz ${DBMIG_BASH_COMPLETION} ${DBMIG_ZSH_COMPLETION} ${DBMIG_FISH_COMPLETION})

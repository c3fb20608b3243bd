# Runs PROGRAM with ARGS (words separated by spaces) and writes its standard output to OUTPUT, and OUTPUT.gz too
# when GZIP is set; fails the build when the program does. Used for the man page and the
# completion scripts, which the built binary writes from its own command definitions.
separate_arguments(ARGS UNIX_COMMAND "${ARGS}")
execute_process(COMMAND "${PROGRAM}" ${ARGS} OUTPUT_FILE "${OUTPUT}.tmp" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  file(REMOVE "${OUTPUT}.tmp")
  message(FATAL_ERROR "${PROGRAM} ${ARGS} failed: ${result}")
endif()
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
if(GZIP)
  # -n: no name or time stamp inside, so the same page gives the same bytes (Debian policy 12.1).
  execute_process(COMMAND "${GZIP}" -9nc "${OUTPUT}" OUTPUT_FILE "${OUTPUT}.gz" RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${GZIP} ${OUTPUT} failed: ${result}")
  endif()
endif()

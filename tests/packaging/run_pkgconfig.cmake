# ctest driver: install the built tree into a scratch prefix, then compile
# and run a program with only the flags `pkg-config --cflags --libs entente`
# gives, as a project without CMake would (see docs/cpp.md).
file(REMOVE_RECURSE ${WORK})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${WORK}/prefix
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "install failed (${rc}):\n${out}\n${err}")
endif()
set(ENV{PKG_CONFIG_PATH} ${WORK}/prefix/${LIBDIR}/pkgconfig)
execute_process(COMMAND ${PKG_CONFIG} --cflags --libs entente
                RESULT_VARIABLE rc OUTPUT_VARIABLE flags ERROR_VARIABLE err OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pkg-config --cflags --libs entente failed (${rc}): ${err}")
endif()
# Paths in the flags must lead into the scratch prefix, not the source tree.
string(FIND "${flags}" "-I${WORK}/prefix/" at)
if(at EQUAL -1)
  message(FATAL_ERROR "entente.pc does not point at the install in ${WORK}/prefix: ${flags}")
endif()
separate_arguments(flag_list UNIX_COMMAND "${flags}")
foreach(step
    "${CXX};${SOURCE}/main.cpp;${flag_list};-o;${WORK}/program"
    "${WORK}/program")
  execute_process(COMMAND ${step} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "step failed (${rc}): ${step}\n${out}\n${err}")
  endif()
endforeach()
message(STATUS "pkg-config flags: ${flags}\nprogram ran: ${out}")

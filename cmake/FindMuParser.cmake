# Finds muparser (Debian: libmuparser-dev) and defines the imported target
# MuParser::MuParser. pkg-config first, then a plain search.
find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(PC_MUPARSER QUIET muparser)
endif()
find_path(MUPARSER_INCLUDE_DIR muParser.h HINTS ${PC_MUPARSER_INCLUDE_DIRS} PATH_SUFFIXES muparser)
find_library(MUPARSER_LIBRARY NAMES muparser HINTS ${PC_MUPARSER_LIBRARY_DIRS})
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(MuParser REQUIRED_VARS MUPARSER_LIBRARY MUPARSER_INCLUDE_DIR)
if(MuParser_FOUND AND NOT TARGET MuParser::MuParser)
  add_library(MuParser::MuParser UNKNOWN IMPORTED)
  set_target_properties(MuParser::MuParser PROPERTIES
    IMPORTED_LOCATION "${MUPARSER_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${MUPARSER_INCLUDE_DIR}")
endif()
mark_as_advanced(MUPARSER_INCLUDE_DIR MUPARSER_LIBRARY)

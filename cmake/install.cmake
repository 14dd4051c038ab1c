# cmake/install.cmake: what `cmake --install` puts where (GNUInstallDirs), and
# how other projects and package managers find it:
#   bin/lockcheck, include/lockcheck.h, share/man/man1/lockcheck.1
#   share/cmake/lockcheck/   find_package(lockcheck) -> lockcheck::annotations
#   share/pkgconfig/lockcheck.pc   pkg-config --cflags lockcheck
# and `cpack -G DEB` (from the build folder) makes a .deb of the same files
# with Debian's dependencies declared.
#
# lockcheck.h is header-only and the same on every architecture, so the
# CMake and pkg-config files go under share/, not lib/<arch>/.

include(CMakePackageConfigHelpers)

install(TARGETS lockcheck RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(EXISTS ${CMAKE_SOURCE_DIR}/docs/lockcheck.1)
  install(FILES docs/lockcheck.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()

if(EXISTS ${CMAKE_SOURCE_DIR}/include/lockcheck.h)
  install(FILES include/lockcheck.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

  # lockcheck::annotations: the include folder of lockcheck.h, for a project's
  # own (gcc) build; the macros expand to nothing there.
  add_library(lockcheck_annotations INTERFACE)
  add_library(lockcheck::annotations ALIAS lockcheck_annotations)
  set_target_properties(lockcheck_annotations PROPERTIES EXPORT_NAME annotations)
  target_include_directories(lockcheck_annotations INTERFACE
    $<BUILD_INTERFACE:${CMAKE_SOURCE_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  install(TARGETS lockcheck_annotations EXPORT lockcheckTargets)

  set(LOCKCHECK_CMAKE_DIR ${CMAKE_INSTALL_DATADIR}/cmake/lockcheck)
  install(EXPORT lockcheckTargets NAMESPACE lockcheck:: DESTINATION ${LOCKCHECK_CMAKE_DIR})
  configure_package_config_file(cmake/lockcheckConfig.cmake.in
    ${CMAKE_BINARY_DIR}/lockcheckConfig.cmake INSTALL_DESTINATION ${LOCKCHECK_CMAKE_DIR})
  # The header's macros only grow: any later version serves an older request.
  write_basic_package_version_file(${CMAKE_BINARY_DIR}/lockcheckConfigVersion.cmake
    VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion ARCH_INDEPENDENT)
  install(FILES ${CMAKE_BINARY_DIR}/lockcheckConfig.cmake
    ${CMAKE_BINARY_DIR}/lockcheckConfigVersion.cmake DESTINATION ${LOCKCHECK_CMAKE_DIR})

  configure_file(cmake/lockcheck.pc.in ${CMAKE_BINARY_DIR}/lockcheck.pc @ONLY)
  install(FILES ${CMAKE_BINARY_DIR}/lockcheck.pc DESTINATION ${CMAKE_INSTALL_DATADIR}/pkgconfig)
endif()

# cpack -G DEB
set(CPACK_PACKAGE_NAME lockcheck)
set(CPACK_PACKAGE_VENDOR "lockcheck developers")
set(CPACK_PACKAGE_CONTACT "lockcheck developers <lockcheck@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "static checker for lock discipline in C")
set(CPACK_PACKAGE_DESCRIPTION "lockcheck follows the locks every function takes and releases along
every path and reports locks left held, taken twice or released when not
held, data accessed without its lock, and values shared between threads
that must not be. Includes lockcheck.h (annotation macros), its CMake
package and pkg-config file.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# The libraries lockcheck links, with their versions, from dpkg-shlibdeps
# (dpkg-dev) when it is there, else by name; and always clang's builtin
# headers (stddef.h, ...), which libclang1-19 does not pull in.
find_program(DPKG_SHLIBDEPS dpkg-shlibdeps)
if(DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libclang-common-${LLVM_MAJOR}-dev")
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libclang1-${LLVM_MAJOR}, libclang-common-${LLVM_MAJOR}-dev, libjson-c5, libyaml-0-2, libsqlite3-0, libc6")
endif()
include(CPack)

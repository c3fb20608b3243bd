# `cmake --install`: the binary, the man page and the completions where each shell looks for them.
# `cpack -G DEB`: the same as a Debian package (tests/package_test.sh builds and tries it).
include(GNUInstallDirs)
install(FILES ${DBMIG_MAN_PAGE}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${DBMIG_BASH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME dbmig)
install(FILES ${DBMIG_ZSH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${DBMIG_FISH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME dbmig)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "dbmig maintainers <dbmig@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "schema migrations for SQLite, PostgreSQL and MySQL/MariaDB from YAML models")
set(CPACK_PACKAGE_DESCRIPTION "dbmig keeps a database schema in step with YAML models: it autogenerates revisions, applies and reverts them under a lock, and checks for drift. A man page and bash, zsh and fish completions come with it.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY dbmig)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION database)
# Depends from the libraries the binary links (dpkg-shlibdeps: libsqlite3-0, libyaml-cpp0.7,
# libfmt9, libspdlog1.10, libstdc++6, libc6...). libpq and libmariadb are opened at run time, only
# for their URLs, so they are recommended, not required: without them `dbmig --version` says "not
# installed" and SQLite works.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libpq5, libmariadb3")
include(CPack)

# cmake --install and CPack: one .deb for the server (moimd) and one for the clients (the
# desktop app, its menu entry and icon, and moim-cli). `cpack -G DEB` in the build directory
# makes both.
install(FILES ${CMAKE_CURRENT_LIST_DIR}/moimd.service
    DESTINATION lib/systemd/system COMPONENT server)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/moimd.ini
    DESTINATION /etc/moimd COMPONENT server)

set(CPACK_PACKAGE_NAME "moim")
set(CPACK_PACKAGE_VENDOR "Moim")
set(CPACK_PACKAGE_CONTACT "Moim developers <dev@moim.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "End-to-end encrypted team chat")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_GENERATOR "DEB")
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL server client)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME "moim-server")
# moimd trims its sockets' buffers through QIODevicePrivate (shared/util/SocketBuffers.h), whose
# layout is only that of the Qt it was built against; Debian's libqt6core6 provides this.
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-base-abi (= ${Qt6Core_VERSION})")
set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "postgresql, libqt6sql6-psql")
set(CPACK_DEBIAN_SERVER_DESCRIPTION "Moim server daemon (moimd)\n It relays and stores only ciphertext; SQLite by default, PostgreSQL for production.")
set(CPACK_DEBIAN_CLIENT_PACKAGE_NAME "moim-client")
set(CPACK_DEBIAN_CLIENT_DESCRIPTION "Moim clients\n The desktop app (moim) and moim-cli for scripts, bots and tests.")
# Plugins that shlibdeps cannot see: the history cache's SQLite driver and the SVG icon engine.
set(CPACK_DEBIAN_CLIENT_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6svg6")
set(CPACK_DEBIAN_CLIENT_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager")
# dpkg keeps local edits of /etc/moimd/moimd.ini across upgrades only if it is a conffile.
configure_file(${CMAKE_CURRENT_LIST_DIR}/server-conffiles ${PROJECT_BINARY_DIR}/packaging/conffiles COPYONLY)
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA ${PROJECT_BINARY_DIR}/packaging/conffiles)
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
include(CPack)

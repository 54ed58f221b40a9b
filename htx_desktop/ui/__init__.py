"""The Qt interface. Nothing outside this package and `htx_desktop.app` imports PySide6, so the
command line and the core services run (and are tested) without Qt."""

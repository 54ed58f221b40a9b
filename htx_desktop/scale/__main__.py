"""`python -m htx_desktop.scale OUT_DIR --communes 100`: generate a national data set."""

from htx_desktop.scale.national import main

if __name__ == "__main__":
    raise SystemExit(main())

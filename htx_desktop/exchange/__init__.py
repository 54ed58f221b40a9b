"""Exchange: officer keys and trust, signed bundles (write, verify, import/merge), workbooks."""

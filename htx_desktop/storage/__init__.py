"""Storage: typed models, engine and sessions, migrations, administrative units."""

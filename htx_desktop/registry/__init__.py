"""Registry: form specs, validation and the create/edit/delete/search services for records."""

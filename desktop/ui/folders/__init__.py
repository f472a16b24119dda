"""folders screens of the vehicle file (see the modules)."""

"""Fonts (with their licence) and icons. The sources live here, in the checkout's `resources/`;
the wheel and the bundle carry them inside the package as ``qmsdesk.resources`` (see
pyproject.toml's package-dir), found at run time by :func:`qmsdesk.paths.resources_dir`."""

"""Excel import/export and PDF reports. They read the core; the GUI never builds them itself."""

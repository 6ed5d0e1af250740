// Nothing to import: this target only defines a symbol (see fatal.c).

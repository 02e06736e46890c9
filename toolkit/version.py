"""The toolkit's version (recorded in every PO file, TMX and draft note the toolkit writes)."""

__version__ = "0.1.0"

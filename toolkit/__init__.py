"""toolkit: Chinese→English translation and glossary toolkit.

Data flows one way: read → clean/segment → glossary → memory/engine → enforce → merge → write PO.
`check` reads PO + glossary and never imports an engine. docs/design.md has the map.
"""

from toolkit.version import __version__

__all__ = ["__version__"]

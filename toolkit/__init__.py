"""toolkit: Chinese→English translation and glossary toolkit.

Data flows one way: read → clean/segment → glossary → memory/engine → enforce → merge → write PO.
`check` reads PO + glossary and never imports an engine.
"""

__version__ = "0.1.0"

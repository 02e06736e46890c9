"""The bilingual review document: what the editor who never opens a PO file reads, in a browser or in Word.

model.py     Review, Block, Sentence, Piece, TermHint, Note: one article as rows, gathered from its source,
             PO file, glossary and check findings
findings.py  the one call into `toolkit check`
html.py      a self-contained HTML page (two columns, print stylesheet)
docx.py      a Word document with the same two-column table (python-docx, the `review` extra)
run.py       one run: sources -> OUTPUT/<stem>.html and .docx, checked first, written all or nothing
"""

from toolkit.review.model import Block, Note, Piece, Review, Sentence, TermHint, gather
from toolkit.review.run import FORMATS, Written, review_files

__all__ = ["FORMATS", "Block", "Note", "Piece", "Review", "Sentence", "TermHint", "Written", "gather", "review_files"]

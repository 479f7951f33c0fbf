"""The report's pages painted with Qt: the PDF export and print (and its preview).

They paint the pages `exporters.typeset` breaks the document into, from the layout the Word
export is written from (`exporters.layout`): the same page geometry, type, tables, merged
cells, repeated header rows, landscape pages and page numbers.

The only Qt in the command line: `selfeval export --pdf` loads this package for itself alone.
"""

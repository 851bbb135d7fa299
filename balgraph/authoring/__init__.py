"""Authoring formats for skills standards, individual skills sets and education standards.

People who write standards after interviews fill in a spreadsheet (XLSX or a folder of CSV
files) or a YAML file. This package reads those files into a `Document`, turns a document into
RDF with stable IRIs, and turns published RDF back into a document for export.

- `document`: the format-neutral document and the places that errors point to.
- `vocabulary`: the values a cell may hold (dimensions, poles, categories, levels, matches).
- `layout`: the sheets and columns of the spreadsheet, with headings in nb and en.
- `spreadsheet`, `yamlfile`: reading and writing the two file formats.
- `to_rdf`, `from_rdf`: the mapping between a document and the balgraph ontology.
"""

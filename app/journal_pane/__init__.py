"""The journal: the entry list, search and filters, the editor, saving while typing."""

"""Reading: the article, About the term, Help with the crisis lines, the About box."""

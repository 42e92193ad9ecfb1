"""factx: extract named entities, dates and quoted statements with their speakers from news."""

__version__ = "0.3.0"

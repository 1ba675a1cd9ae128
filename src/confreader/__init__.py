"""confreader: a terminal reader and quote browser for Arabic news articles."""

__version__ = "0.1.0"

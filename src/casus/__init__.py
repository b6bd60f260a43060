"""Casus: news about a geopolitical crisis in, verifiable event data out."""

__version__ = "0.1.0"

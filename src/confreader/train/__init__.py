"""Training: rebuild the parser's models from the shared annotated data (not used at run time)."""

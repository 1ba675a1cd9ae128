"""Reading article files: bytes to clean text, and which format they are in."""
from confreader.sources.decode import SourceError, decode_bytes, read_source
from confreader.sources.formats import SourceDocument, detect_format, load_document
from confreader.sources.names import one_line

__all__ = [
    "SourceDocument",
    "SourceError",
    "decode_bytes",
    "detect_format",
    "load_document",
    "one_line",
    "read_source",
]

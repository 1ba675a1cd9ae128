"""Writing articles out (JSON schema confreader.article/1, a readable text listing) and reading JSON back."""

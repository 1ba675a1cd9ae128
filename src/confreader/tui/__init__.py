"""The Textual reader: screens and widgets composing the library and display layers."""

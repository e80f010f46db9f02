"""Compile Markdown flashcards into Anki packages."""

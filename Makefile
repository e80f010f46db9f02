# The two commands of the README's quick start.
.PHONY: decks test

decks:  ## build every deck into dist/ (sets up .venv first)
	scripts/setup.sh
	.venv/bin/build-deck build

test:   ## run the whole test suite (sets up Anki, MathJax and chromium first)
	scripts/setup.sh --test
	.venv/bin/python -m pytest

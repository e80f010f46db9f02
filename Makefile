# The two commands of the README's quick start, and a fast tier for the edit-test loop.
.PHONY: decks test test-fast lint

decks:  ## build every deck into dist/ (sets up .venv and MathJax first)
	scripts/setup.sh
	.venv/bin/build-deck build

test:   ## run the whole test suite (sets up Anki, MathJax and chromium first)
	scripts/setup.sh --test
	.venv/bin/ruff check build_deck.py mldeck tests scripts figures benchmarks
	.venv/bin/python -m pytest

test-fast:  ## the tests that need no browser, no Anki desktop and no full build of the real decks
	.venv/bin/python -m pytest -m "not slow" -q

lint:
	.venv/bin/ruff check build_deck.py mldeck tests scripts figures benchmarks

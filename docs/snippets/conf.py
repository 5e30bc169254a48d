# The examples of the extension's reference page (docs/reference/sphinx-extension.md shows these
# files), built by tests/sphinx/test_snippets.py: each example is written in rst/ and in md/,
# and both must give the same doctree, kept in tests/sphinx/snapshots/. The docs' own build
# leaves this folder out (docs/conf.py's exclude_patterns).
extensions = ["ideation.sphinx"]
myst_enable_extensions = ["colon_fence"]
ideation_today = "2022-09-01"
# The tests point ideation_catalogue at examples/programme-10 (an absolute path).
# rst/ and md/ show the same objects in full, and most examples have no title of their own.
suppress_warnings = ["ideation.duplicate", "toc.no_title"]

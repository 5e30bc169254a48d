extensions = ["ideation.sphinx"]
myst_enable_extensions = ["colon_fence"]
ideation_today = "2022-09-01"
# The tests point ideation_catalogue at examples/programme-10 (an absolute path).
# rst/ and md/ show the same objects in full, and most examples have no title of their own.
suppress_warnings = ["ideation.duplicate", "toc.no_title"]

"""An existing MyST Sphinx site, to which ideation was added by the three lines below."""

project = "Notre programme"
language = "fr"
extensions = ["myst_parser"]
html_theme = "alabaster"
exclude_patterns = ["_build", "README.md"]

# The three lines that add ideation: the extension, the data, and a page per event and proposal.
extensions += ["ideation.sphinx"]
ideation_catalogue = ["../programme-10"]
ideation_generate_pages = True

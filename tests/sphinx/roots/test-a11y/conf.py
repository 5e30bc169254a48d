extensions = ["ideation.sphinx"]
language = "en"

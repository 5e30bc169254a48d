extensions = ["ideation.sphinx"]
language = "fr"

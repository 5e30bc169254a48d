extensions = ["ideation.sphinx"]
project = "Small things"
language = "fr"

extensions = ["ideation.sphinx"]

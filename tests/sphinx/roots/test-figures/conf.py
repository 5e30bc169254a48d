extensions = ["ideation.sphinx"]
project = "Figures"

extensions = ["ideation.sphinx"]
ideation_today = "2022-09-01"
